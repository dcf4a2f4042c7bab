//! A last check of the generated file, after it parses: names rustc would refuse as
//! defined twice (E0428 items, E0592 / E0201 associated items, E0124 fields, E0119
//! trait impls, duplicate variants). The planner claims every name it makes, so any hit
//! is a generator bug; it is reported, located, instead of writing code that cannot
//! compile and saying it succeeded. Linear in the file's size.

use std::collections::BTreeMap;

use quote::ToTokens;

/// Checks `file`, naming the first duplicate found and where it is.
#[cfg(test)]
pub fn check_file(file: &syn::File) -> Result<(), String> {
    ItemCheck::new("the generated file").items(&file.items)
}

/// The names seen so far in one scope, so a file can be checked one item group at a time
/// (as `format::SourceWriter` formats it).
pub(crate) struct ItemCheck {
    names: Unique,
    /// Associated items by the type they are implemented on (inherent impls).
    associated: BTreeMap<String, Unique>,
    /// Trait impls by `(trait, type)`.
    trait_impls: Unique,
}

impl ItemCheck {
    /// No names seen yet in `scope` (how an error names it).
    pub(crate) fn new(scope: &str) -> Self {
        Self {
            names: Unique::new(scope),
            associated: BTreeMap::new(),
            trait_impls: Unique::new(scope),
        }
    }

    /// Checks `items` against each other and against the items checked before.
    pub(crate) fn items(&mut self, items: &[syn::Item]) -> Result<(), String> {
        let Self {
            names,
            associated,
            trait_impls,
        } = self;
        for item in items {
            match item {
                syn::Item::Struct(s) => {
                    names.insert("struct", &s.ident.to_string())?;
                    let scope = format!("struct `{}`", s.ident);
                    let mut fields = Unique::new(&scope);
                    for field in s.fields.iter().filter_map(|f| f.ident.as_ref()) {
                        fields.insert("field", &field.to_string())?;
                    }
                }
                syn::Item::Enum(e) => {
                    names.insert("enum", &e.ident.to_string())?;
                    let scope = format!("enum `{}`", e.ident);
                    let mut variants = Unique::new(&scope);
                    for variant in &e.variants {
                        variants.insert("variant", &variant.ident.to_string())?;
                    }
                }
                syn::Item::Const(c) => names.insert("const", &c.ident.to_string())?,
                syn::Item::Static(s) => names.insert("static", &s.ident.to_string())?,
                syn::Item::Fn(f) => names.insert("fn", &f.sig.ident.to_string())?,
                syn::Item::Type(t) => names.insert("type", &t.ident.to_string())?,
                syn::Item::Trait(t) => names.insert("trait", &t.ident.to_string())?,
                syn::Item::Mod(m) => {
                    names.insert("mod", &m.ident.to_string())?;
                    if let Some((_, inner)) = &m.content {
                        ItemCheck::new(&format!("module `{}`", m.ident)).items(inner)?;
                    }
                }
                syn::Item::Impl(i) => {
                    let self_type = i.self_ty.to_token_stream().to_string();
                    if let Some((_, path, _)) = &i.trait_ {
                        let which = format!("{} for {self_type}", path.to_token_stream());
                        trait_impls.insert("impl", &which)?;
                        continue;
                    }
                    let scope = format!("impl {self_type}");
                    let members = associated
                        .entry(self_type)
                        .or_insert_with(|| Unique::new(&scope));
                    for member in &i.items {
                        match member {
                            syn::ImplItem::Fn(f) => {
                                members.insert("fn", &f.sig.ident.to_string())?
                            }
                            syn::ImplItem::Const(c) => {
                                members.insert("const", &c.ident.to_string())?
                            }
                            syn::ImplItem::Type(t) => {
                                members.insert("type", &t.ident.to_string())?
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// Names in one namespace of one scope; values and types share none here, as rustc's
/// type namespace holds structs, enums, traits and modules, and its value namespace
/// consts, statics and fns (a unit struct would be in both; generated code has none).
struct Unique {
    scope: String,
    seen: BTreeMap<(bool, String), &'static str>,
}

impl Unique {
    fn new(scope: &str) -> Self {
        Self {
            scope: scope.to_owned(),
            seen: BTreeMap::new(),
        }
    }

    /// Records `name` (a `kind`), or says it is defined twice.
    fn insert(&mut self, kind: &'static str, name: &str) -> Result<(), String> {
        let is_value = matches!(kind, "const" | "static" | "fn" | "field" | "variant");
        match self.seen.insert((is_value, name.to_owned()), kind) {
            None => Ok(()),
            Some(earlier) => Err(format!(
                "internal error: the generated code would not compile: {kind} `{name}` in {} \
                 is defined twice (the other is a {earlier})",
                self.scope
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::check_file;

    fn check(source: &str) -> Result<(), String> {
        check_file(&syn::parse_str(source).unwrap())
    }

    #[test]
    fn distinct_names_pass() {
        assert_eq!(
            check(
                "pub struct A { x: i32, y: i32 } pub const A_NS: &str = \"\"; impl A { fn new() {} } \
                 impl A { const X: u8 = 0; } impl Clone for A { fn clone(&self) -> Self { todo!() } } \
                 mod m { pub struct A; }"
            ),
            Ok(())
        );
    }

    #[test]
    fn duplicates_are_named_with_their_place() {
        let twice = |source: &str| check(source).unwrap_err();
        assert!(twice("struct A; enum A {}").contains("enum `A` in the generated file"));
        assert!(
            twice("struct C; impl C { fn new() {} } impl C { fn new() {} }")
                .contains("fn `new` in impl C is defined twice")
        );
        assert!(
            twice(
                "struct C; impl C { const SOAP11_ENDPOINT: u8 = 0; const SOAP11_ENDPOINT: u8 = 1; }"
            )
            .contains("const `SOAP11_ENDPOINT` in impl C")
        );
        assert!(twice("struct S { a: u8, a: u8 }").contains("field `a` in struct `S`"));
        assert!(twice("enum E { V(u8), V(i8) }").contains("variant `V` in enum `E`"));
        assert!(twice("mod blocking { struct X; struct X; }").contains("module `blocking`"));
        assert!(
            twice("struct T; impl Clone for T {} impl Clone for T {}")
                .contains("impl `Clone for T` in the generated file")
        );
    }
}
