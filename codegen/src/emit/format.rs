//! Formatting generated code one item group at a time: each group's tokens are checked
//! with syn and printed with prettyplease as soon as they are built, so the whole file is
//! never held as one token stream and one syntax tree (on big services those were most of
//! the generator's peak memory). prettyplease prints a file's items one after another
//! with nothing between them, so the output is byte for byte that of the whole file.

use proc_macro2::TokenStream;

/// The formatted source, built group by group.
#[derive(Default)]
pub(crate) struct SourceWriter {
    source: String,
}

impl SourceWriter {
    /// Formats `tokens` (any number of items) and appends them.
    pub(crate) fn push(&mut self, tokens: TokenStream) -> Result<(), String> {
        if tokens.is_empty() {
            return Ok(());
        }
        let file: syn::File = syn::parse2(tokens)
            .map_err(|e| format!("internal error: generated code does not parse: {e}"))?;
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
