//! Where imported documents come from: a [`Resolver`] turns a `location` seen in a
//! document into bytes. The default reads local files relative to the importing file;
//! users replace it to map URLs to local copies or to fetch them.

use std::path::{Path, PathBuf};

/// Finds the document an import or include names.
pub trait Resolver {
    /// Resolves `location` as written in the document at `base`: returns the resolved
    /// document's path (used to name it in errors and to resolve its own imports) and its
    /// bytes, or a message saying why it cannot be had.
    fn resolve(&self, location: &str, base: &Path) -> Result<(PathBuf, Vec<u8>), String>;
}

/// Reads local files, relative to the importing document. URLs are refused: generation
/// never touches the network unless a resolver that does is supplied.
#[derive(Debug, Clone, Copy, Default)]
pub struct FileResolver;

impl Resolver for FileResolver {
    fn resolve(&self, location: &str, base: &Path) -> Result<(PathBuf, Vec<u8>), String> {
        if location.contains("://") {
            return Err(format!(
                "`{location}` is a remote location; generation works offline: save a local copy \
                 and point the import at it, or supply a Resolver that maps the URL"
            ));
        }
        let path = base
            .parent()
            .unwrap_or_else(|| Path::new(""))
            .join(location);
        std::fs::read(&path)
            .map(|bytes| (path.clone(), bytes))
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))
    }
}
