//! The command line: the only code that knows clap. One file per subcommand;
//! each `run` returns the process exit code.

pub mod audit;
pub mod date;
pub mod extract;
pub mod normalize;

use crate::decode::Encoding;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand};

const EXAMPLES: &str = "\
Examples:
  chidao extract corpus/ -o tasks.jsonl
  chidao extract notices/ --format csv --excel -o tasks.csv --errors failed.jsonl
  chidao audit --gold fixtures corpus/ --min 0.9
  chidao date \"trước ngày 15/9\" --reference 2025-07-16
  chidao normalize notice.txt

Exit codes: 0 success; 1 some input failed or a floor was missed; 2 unusable
arguments or input. `chidao <command> --help` tells more.";

/// chidao — turns Vietnamese government notices into task records.
#[derive(Parser, Debug)]
#[command(name = "chidao", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Extract task records from notices (files, folders, or - for stdin).
    Extract(extract::Args),
    /// Score records against gold fixtures (SPEC §6–7), or check the gold.
    Audit(audit::Args),
    /// Read one time phrase as a deadline and print it as JSON.
    Date(date::Args),
    /// Print the normalised text the extractor reads.
    Normalize(normalize::Args),
}

/// How inputs are decoded (shared by the commands that read notices).
#[derive(clap::Args, Debug, Clone)]
pub struct DecodeArgs {
    /// The input's encoding; `auto` detects UTF-8, UTF-16 (by BOM) and the
    /// legacy Vietnamese TCVN3, VNI and VISCII.
    #[arg(
        long,
        default_value = "auto",
        value_parser = PossibleValuesParser::new(Encoding::NAMES).map(|s| s.parse::<Encoding>().unwrap_or_default())
    )]
    pub encoding: Encoding,
    /// Replace bytes that cannot be decoded with U+FFFD (and say how many)
    /// instead of failing.
    #[arg(long)]
    pub lossy: bool,
}

/// Parses the arguments and runs the subcommand; returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Extract(a) => extract::run(a),
        Command::Audit(a) => audit::run(a),
        Command::Date(a) => date::run(a),
        Command::Normalize(a) => normalize::run(a),
    }
}
