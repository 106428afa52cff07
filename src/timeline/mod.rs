//! PLACEHOLDER: the `timeline` command, to be written.

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or folders to list.
    pub paths: Vec<std::path::PathBuf>,
}

pub fn command(_args: Args) -> u8 {
    eprintln!("error: `timeline` is not built yet");
    2
}
