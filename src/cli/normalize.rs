//! `chidao normalize`.

/// Arguments of `chidao normalize`.
#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_args: Args) -> i32 {
    eprintln!("chidao normalize: not built yet");
    2
}
