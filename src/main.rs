//! The `chidao` binary: parse arguments, call the library, exit with its code.

fn main() {
    std::process::exit(chidao::cli::main());
}
