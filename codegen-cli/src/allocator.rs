//! The command's allocator: mimalloc, set to commit memory on demand.
//!
//! Generating a big service builds and drops millions of small token and syntax-tree
//! nodes on several threads; with glibc's malloc, allocation is about a third of the
//! generator's time and each thread's arena keeps its peak. mimalloc with its defaults
//! is faster but commits its first 1 GiB arena eagerly (with transparent huge pages where
//! the kernel allows them) and keeps freed memory for a second, so peak RSS rose above
//! glibc's; committing on demand and purging after 50 ms gave the lowest peak at the same
//! speed (measurements in CORPUS.md, "Generating a 3 MB WSDL").

use libmimalloc_sys::mi_option_t;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_arena_eager_commit` in mimalloc.h's `mi_option_e` (the same number in its
/// v2 and v3); libmimalloc-sys names no constant for it.
const ARENA_EAGER_COMMIT: mi_option_t = 4;

/// `mi_option_purge_delay` in the same enum: milliseconds before freed memory is returned.
const PURGE_DELAY: mi_option_t = 15;

/// Sets mimalloc's options. It must run before the first allocation, which Rust's
/// runtime makes before `main`: the first arena is reserved then, committed as the
/// options say at that moment. So it runs as an ELF initialiser, like C constructors.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
extern "C" fn configure() {
    // SAFETY: `mi_option_set` only stores a number that mimalloc reads when it next
    // reserves, commits or purges memory; any option number and value are accepted.
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 50);
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
    }
}

/// Runs [`configure`] when the program is loaded, before Rust's runtime starts. ELF
/// only: elsewhere mimalloc keeps its defaults (faster than the system allocator too,
/// with a higher peak).
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static CONFIGURE: extern "C" fn() = configure;
