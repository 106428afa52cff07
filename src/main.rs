/// See the `mimalloc` entry of Cargo.toml: with glibc's allocator, allocation and freeing took
/// a third of a large run's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    claimcheck::cli::main()
}
