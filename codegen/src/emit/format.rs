//! Formatting generated code one item group at a time: each group's tokens are checked
//! with syn and printed with prettyplease as soon as they are built, so the whole file is
//! never held as one token stream and one syntax tree (on big services those were most of
//! the generator's peak memory). prettyplease prints a file's items one after another
//! with nothing between them, so the output is byte for byte that of the whole file.
//! Each group is also checked for names defined twice (see `check`), against the groups
//! before it.

use proc_macro2::TokenStream;

use super::check::ItemCheck;

/// The formatted source, built group by group.
pub(crate) struct SourceWriter {
    source: String,
    names: ItemCheck,
}

impl Default for SourceWriter {
    fn default() -> Self {
        Self {
            source: String::new(),
            names: ItemCheck::new("the generated file"),
        }
    }
}

impl SourceWriter {
    /// Formats `tokens` (any number of items) and appends them.
    pub(crate) fn push(&mut self, tokens: TokenStream) -> Result<(), String> {
        if tokens.is_empty() {
            return Ok(());
        }
        let file: syn::File = syn::parse2(tokens)
            .map_err(|e| format!("internal error: generated code does not parse: {e}"))?;
        self.names.items(&file.items)?;
        self.source.push_str(&prettyplease::unparse(&file));
        Ok(())
    }

    /// Formats and appends each item group of `groups`.
    pub(crate) fn extend(
        &mut self,
        groups: impl IntoIterator<Item = TokenStream>,
    ) -> Result<(), String> {
        groups.into_iter().try_for_each(|tokens| self.push(tokens))
    }

    /// The formatted source.
    pub(crate) fn finish(self) -> String {
        self.source
    }
}
