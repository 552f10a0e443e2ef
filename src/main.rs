//! The `chidao` binary: parse arguments, call the library, exit with its code.

fn main() {
    std::process::exit(chidao::cli::main());
}

/// jemalloc: the many small allocations of a run (a few per clause) cost
/// about 9% of the time with glibc's allocator; see Cargo.toml.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
