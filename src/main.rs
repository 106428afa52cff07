fn main() -> std::process::ExitCode {
    claimcheck::cli::main()
}
