//! `chidao audit`.

/// Arguments of `chidao audit`.
#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_args: Args) -> i32 {
    eprintln!("chidao audit: not built yet");
    2
}
