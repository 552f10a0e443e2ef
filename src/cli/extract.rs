//! `chidao extract`.

/// Arguments of `chidao extract`.
#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_args: Args) -> i32 {
    eprintln!("chidao extract: not built yet");
    2
}
