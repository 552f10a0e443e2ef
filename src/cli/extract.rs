//! `chidao extract`: a batch of notices in, task records out.

use crate::error::Error;
use crate::input::{self, Input};
use crate::output::{Encoded, Format, RecordWriter};
use crate::pipeline::{self, Options};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

const AFTER_HELP: &str = "\
Examples:
  chidao extract corpus/ -o tasks.jsonl
  chidao extract notice.txt --format json
  chidao extract archive/ --format csv --excel -o tasks.csv --errors failed.jsonl
  cat notice.txt | chidao extract - --format jsonl
  chidao extract notices/ --gazetteer my_agencies.tsv

Exit codes: 0 all files read; 1 some file failed (the others are still
written); 2 unusable arguments or output.";

/// Arguments of `chidao extract`.
#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// Files, folders (searched recursively for *.txt), or - for standard input.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Output file (default: standard output). Written atomically.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Threads to use (default: all cores). Output is the same for any value.
    #[arg(short, long)]
    pub jobs: Option<usize>,
    #[command(flatten)]
    pub decode: super::DecodeArgs,
    /// CSV for spreadsheets: UTF-8 BOM, formula-like cells neutralised.
    #[arg(long)]
    pub excel: bool,
    /// Write the files that failed as JSON Lines (file, kind, message, offset).
    #[arg(long)]
    pub errors: Option<PathBuf>,
    /// Skip files larger than this many bytes.
    #[arg(long, default_value_t = 256 * 1024 * 1024)]
    pub max_file_size: u64,
    /// Extra agencies and aliases (TSV: alias, canonical name, kind, note),
    /// used like the built-in ones.
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Option<PathBuf>,
    /// No progress and no summary on standard error.
    #[arg(short, long)]
    pub quiet: bool,
}

/// One file's outcome: its records encoded for the output, and warnings.
type Outcome = Result<(Encoded, Vec<String>), Error>;

fn process(inp: &Input, opts: &Options, max: u64, format: Format, excel: bool) -> (Outcome, usize) {
    let bytes = match input::read(inp, max) {
        Ok(b) => b,
        Err(e) => return (Err(e), 0),
    };
    let n = bytes.len();
    let r = pipeline::extract_document_owned(inp.name(), bytes, opts).and_then(|mut d| {
        if d.replaced > 0 {
            d.warnings.push(format!("{} undecodable bytes replaced (--lossy)", d.replaced));
        }
        // Encoded here, on the worker: the writer thread only copies bytes.
        let encoded = Encoded::new(format, excel, &d.records).map_err(|e| Error::new(crate::error::ErrorKind::Io, format!("cannot encode records: {e}")).in_file(inp.name()))?;
        Ok((encoded, d.warnings))
    });
    (r, n)
}

pub fn run(args: Args) -> i32 {
    if let Some(path) = &args.gazetteer {
        let name = path.display().to_string();
        let loaded = std::fs::read_to_string(path)
            .map_err(|e| format!("{name}: cannot read: {e}"))
            .and_then(|t| crate::gazetteer::parse_user_rows(&name, &t).map_err(|e| e.to_string()))
            .and_then(|rows| crate::gazetteer::add_rows(rows).map_err(str::to_string));
        if let Err(e) = loaded {
            eprintln!("chidao: {e}");
            return 2;
        }
    }
    let (inputs, arg_errors) = input::collect(&args.paths);
    // For a notice or two, start-up is most of the run: the readers' tables
    // and patterns are built on another core while the first file is read
    // and segmented. (Not for batches: a pattern's search cache is quickest
    // for the thread that searched with it first, which should be a worker.)
    if inputs.len() <= 2 {
        std::thread::spawn(crate::extract::warm_up);
    }
    let opts = Options { encoding: args.decode.encoding, lossy: args.decode.lossy };
    // No more threads than files: an idle worker spins for a while, which
    // costs a one-notice run the core that builds its patterns.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let jobs = args.jobs.unwrap_or(cores).min(inputs.len()).max(1);
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("chidao: cannot start threads: {e}");
            return 2;
        }
    };
    let sink = match Sink::open(args.output.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("chidao: {e}");
            return 2;
        }
    };
    let mut writer = match RecordWriter::new(sink, args.format, args.excel) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("chidao: cannot write output: {e}");
            return 2;
        }
    };
    let started = Instant::now();
    let show_progress = !args.quiet && inputs.len() > 5 && std::io::stderr().is_terminal();
    let mut failures: Vec<Error> = arg_errors;
    for e in &failures {
        eprintln!("chidao: {e}");
    }
    let (mut tasks, mut bytes_done, mut files_done) = (0usize, 0usize, 0usize);
    // Files are processed in parallel and written in input order as soon as
    // every earlier file is written; workers run at most a window ahead, so
    // memory is bounded by the files in flight, not by the batch.
    // Bounded both in files and in bytes: results wait as encoded bytes
    // (about half the input's size), and a few big files must not hold many.
    // The bytes bound the memory; the file count is wide (128 a thread)
    // so that while one worker reads a big file at the head of the window,
    // the others go on through the small files after it instead of waiting
    // (16 a thread stalled the second worker for most of a 4 MB file).
    let threads = pool.current_num_threads().max(1);
    let weights = inputs.iter().map(|i| i.len_hint()).collect();
    let window = crate::ordered::Window { items: threads * 128, weights, budget: threads as u64 * 8 * 1024 * 1024 };
    let mut exit: Option<i32> = None;
    crate::ordered::for_each_ordered(
        &pool,
        &inputs,
        window,
        |i| process(i, &opts, args.max_file_size, args.format, args.excel),
        |k, (res, n)| {
            let inp = &inputs[k];
            files_done += 1;
            bytes_done += n;
            match res {
                Ok((records, warnings)) => {
                    for w in warnings {
                        eprintln!("chidao: {}: warning: {w}", inp.name());
                    }
                    if let Err(e) = writer.write_encoded(&records) {
                        // A reader that stopped early (`| head`) is not an error.
                        if e.kind() != std::io::ErrorKind::BrokenPipe {
                            eprintln!("chidao: cannot write output: {e}");
                            exit = Some(2);
                        } else {
                            exit = Some(0);
                        }
                        return false;
                    }
                    tasks += records.len();
                }
                Err(e) => {
                    eprintln!("chidao: {e}");
                    failures.push(e);
                }
            }
            if show_progress && (files_done % 16 == 0 || files_done == inputs.len()) {
                let secs = started.elapsed().as_secs_f64().max(1e-9);
                eprint!("\r{files_done}/{} files, {:.1} MB/s ", inputs.len(), bytes_done as f64 / 1e6 / secs);
            }
            true
        },
    );
    if let Some(code) = exit {
        return code;
    }
    if show_progress {
        eprintln!();
    }
    let sink = match writer.finish() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("chidao: cannot write output: {e}");
            return 2;
        }
    };
    if let Err(e) = sink.commit() {
        eprintln!("chidao: {e}");
        return 2;
    }
    if let Some(path) = &args.errors {
        if let Err(e) = write_errors(path, &failures) {
            eprintln!("chidao: cannot write {}: {e}", path.display());
            return 2;
        }
    }
    if !args.quiet {
        eprintln!(
            "chidao: {} files, {} tasks, {} failed, {:.2} s",
            inputs.len(),
            tasks,
            failures.len(),
            started.elapsed().as_secs_f64()
        );
        if !failures.is_empty() {
            let names: Vec<String> = failures.iter().map(|e| e.file.as_ref().map(|f| f.display().to_string()).unwrap_or_default()).collect();
            eprintln!("chidao: failed: {}", names.join(", "));
        }
    }
    i32::from(!failures.is_empty())
}

fn write_errors(path: &std::path::Path, failures: &[Error]) -> std::io::Result<()> {
    let mut out = Vec::new();
    for e in failures {
        let v = serde_json::json!({
            "file": e.file.as_ref().map(|f| f.to_string_lossy().into_owned()),
            "kind": e.kind.as_str(),
            "message": e.message,
            "offset": e.offset,
        });
        serde_json::to_writer(&mut out, &v)?;
        out.push(b'\n');
    }
    crate::atomic::write(path, &out)
}

/// Standard output, or a temporary file renamed over the target on success.
enum Sink {
    Stdout(std::io::BufWriter<std::io::Stdout>),
    File(crate::atomic::AtomicFile),
}

impl Sink {
    fn open(path: Option<&std::path::Path>) -> Result<Sink, String> {
        match path {
            None => Ok(Sink::Stdout(std::io::BufWriter::new(std::io::stdout()))),
            Some(p) if p.as_os_str() == "-" => Ok(Sink::Stdout(std::io::BufWriter::new(std::io::stdout()))),
            Some(p) => crate::atomic::AtomicFile::create(p).map(Sink::File).map_err(|e| format!("cannot create {}: {e}", p.display())),
        }
    }

    fn commit(self) -> Result<(), String> {
        match self {
            Sink::Stdout(mut w) => w.flush().map_err(|e| format!("cannot write output: {e}")),
            Sink::File(f) => f.commit().map_err(|e| format!("cannot write output: {e}")),
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(buf),
            Sink::File(f) => f.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File(f) => f.flush(),
        }
    }
}
