//! `chidao date`.

/// Arguments of `chidao date`.
#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_args: Args) -> i32 {
    eprintln!("chidao date: not built yet");
    2
}
