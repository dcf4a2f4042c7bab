//! Where imported documents come from: a [`Resolver`] turns a `location` seen in a
//! document into bytes. The default, [`FileResolver`], reads local files relative to the
//! importing file, and only inside the folders it is allowed; users replace it to map URLs
//! to local copies or to fetch them.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Finds the document an import or include names.
pub trait Resolver {
    /// Resolves `location` as written in the document at `base`: returns the resolved
    /// document's path (used to name it in errors and to resolve its own imports) and its
    /// bytes, or a message saying why it cannot be had.
    fn resolve(&self, location: &str, base: &Path) -> Result<(PathBuf, Vec<u8>), String>;
}

/// The largest document [`FileResolver`] reads unless told otherwise: 64 MiB, ten times
/// the largest WSDL of the corpus, so that a `schemaLocation` naming `/dev/zero` or a log
/// file stops at once instead of exhausting memory.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads local files, relative to the importing document, under the root WSDL's folder
/// only (and folders explicitly allowed): a `schemaLocation` with `..`, an absolute path
/// or a symlink leading elsewhere is refused, so a WSDL cannot pull arbitrary files of the
/// machine into generated code. Only regular files are read (never devices or FIFOs), up
/// to a size limit. URLs are refused: generation never touches the network unless a
/// resolver that does is supplied.
#[derive(Debug, Clone)]
pub struct FileResolver {
    /// Canonical folders imports may be read from.
    folders: Vec<PathBuf>,
    max_file_bytes: u64,
}

impl FileResolver {
    /// A resolver confined to the folder holding the root WSDL `root` (and below it).
    pub fn for_root(root: &Path) -> Self {
        let folder = root.parent().unwrap_or_else(|| Path::new(""));
        Self {
            folders: vec![canonical_folder(folder)],
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }

    /// Also allows imports from `folder` and below it (shared schemas kept elsewhere).
    pub fn allow_folder(mut self, folder: impl AsRef<Path>) -> Self {
        self.folders.push(canonical_folder(folder.as_ref()));
        self
    }

    /// Sets the largest document read, in bytes (default [`DEFAULT_MAX_FILE_BYTES`]).
    pub fn max_file_bytes(mut self, bytes: u64) -> Self {
        self.max_file_bytes = bytes;
        self
    }

    /// The folders imports may be read from, canonical.
    pub fn folders(&self) -> &[PathBuf] {
        &self.folders
    }
}

impl Resolver for FileResolver {
    fn resolve(&self, location: &str, base: &Path) -> Result<(PathBuf, Vec<u8>), String> {
        if location.contains("://") {
            return Err(format!(
                "`{location}` is a remote location; generation works offline: save a local copy \
                 (`soap-codegen fetch`) and point the import at it, or supply a Resolver that \
                 maps the URL"
            ));
        }
        let path = base
            .parent()
            .unwrap_or_else(|| Path::new(""))
            .join(location);
        let canonical = path
            .canonicalize()
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        if !self.folders.iter().any(|f| canonical.starts_with(f)) {
            let allowed: Vec<String> = self
                .folders
                .iter()
                .map(|f| format!("`{}`", f.display()))
                .collect();
            return Err(format!(
                "`{location}` is `{}`, outside the folder imports are read from ({}); allow \
                 its folder with `Generator::allow_imports_from` or `--allow-imports-from`",
                canonical.display(),
                allowed.join(", ")
            ));
        }
        let bytes = read_regular_file(&canonical, self.max_file_bytes)?;
        // The path as spelled keeps error messages in the user's terms; the loader
        // recognises a document seen before by its canonical path.
        Ok((path, bytes))
    }
}

/// Reads `path` if it is a regular file of at most `max_bytes` bytes; devices, FIFOs and
/// folders are refused before they are opened (a FIFO would block, `/dev/zero` never end).
pub fn read_regular_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    let metadata =
        std::fs::metadata(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    if !metadata.is_file() {
        return Err(format!(
            "`{}` is not a regular file (a folder, device, FIFO or socket)",
            path.display()
        ));
    }
    let too_large = || {
        format!(
            "`{}` is larger than the {max_bytes}-byte limit for one document",
            path.display()
        )
    };
    if metadata.len() > max_bytes {
        return Err(too_large());
    }
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    // Read one byte beyond the limit: a file that grew since `metadata` is still caught.
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(bytes)
}

/// `folder` made canonical, or as given when it does not exist (nothing then matches it).
fn canonical_folder(folder: &Path) -> PathBuf {
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    folder.canonicalize().unwrap_or_else(|_| folder.to_owned())
}
