//! PLACEHOLDER: the `coverage` command, to be written.

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or folders to check.
    pub paths: Vec<std::path::PathBuf>,
}

pub fn command(_args: Args) -> u8 {
    eprintln!("error: `coverage` is not built yet");
    2
}
