use clap::Parser;

fn main() {
    let cli = hoego::cli::Cli::parse();
    if let Err(errors) = hoego::run(cli) {
        eprintln!("{errors}");
        let n = errors.0.len();
        eprintln!(
            "build failed with {n} error{}; the output folder was left as it was",
            if n == 1 { "" } else { "s" }
        );
        std::process::exit(1);
    }
}
