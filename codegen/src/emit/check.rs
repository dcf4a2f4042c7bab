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
        self.apply(claims(items)?)
    }

    /// Checks the names a group claims (see [`claims`]) against those checked before.
    pub(crate) fn apply(&mut self, claims: Vec<Claim>) -> Result<(), String> {
        for claim in claims {
            match claim {
                Claim::Item { kind, name } => self.names.insert(kind, &name)?,
                Claim::TraitImpl(which) => self.trait_impls.insert("impl", &which)?,
                Claim::Associated {
                    self_type,
                    kind,
                    name,
                } => {
                    let scope = format!("impl {self_type}");
                    self.associated
                        .entry(self_type)
                        .or_insert_with(|| Unique::new(&scope))
                        .insert(kind, &name)?
                }
            }
        }
        Ok(())
    }
}

/// A name an item group defines in the file's scope, to check against the other groups'
/// (what `claims` gives, so a group can be parsed on another thread: syn's trees cannot
/// cross threads, these can).
pub(crate) enum Claim {
    /// A top-level item.
    Item { kind: &'static str, name: String },
    /// An associated item of an inherent impl on `self_type`.
    Associated {
        self_type: String,
        kind: &'static str,
        name: String,
    },
    /// A trait impl, `Trait for Type`.
    TraitImpl(String),
}

/// The names `items` define in the file's scope, in order. What is unique within one
/// item (fields, variants, a module's items) is checked here.
pub(crate) fn claims(items: &[syn::Item]) -> Result<Vec<Claim>, String> {
    let mut claims = Vec::new();
    let mut item = |kind, name: &syn::Ident| {
        claims.push(Claim::Item {
            kind,
            name: name.to_string(),
        })
    };
    let mut impls = Vec::new();
    for each in items {
        match each {
            syn::Item::Struct(s) => {
                item("struct", &s.ident);
                let mut fields = Unique::new(&format!("struct `{}`", s.ident));
                for field in s.fields.iter().filter_map(|f| f.ident.as_ref()) {
                    fields.insert("field", &field.to_string())?;
                }
            }
            syn::Item::Enum(e) => {
                item("enum", &e.ident);
                let mut variants = Unique::new(&format!("enum `{}`", e.ident));
                for variant in &e.variants {
                    variants.insert("variant", &variant.ident.to_string())?;
                }
            }
            syn::Item::Const(c) => item("const", &c.ident),
            syn::Item::Static(s) => item("static", &s.ident),
            syn::Item::Fn(f) => item("fn", &f.sig.ident),
            syn::Item::Type(t) => item("type", &t.ident),
            syn::Item::Trait(t) => item("trait", &t.ident),
            syn::Item::Mod(m) => {
                item("mod", &m.ident);
                if let Some((_, inner)) = &m.content {
                    ItemCheck::new(&format!("module `{}`", m.ident)).items(inner)?;
                }
            }
            syn::Item::Impl(i) => impls.push(i),
            _ => {}
        }
    }
    for i in impls {
        let self_type = i.self_ty.to_token_stream().to_string();
        if let Some((_, path, _)) = &i.trait_ {
            let which = format!("{} for {self_type}", path.to_token_stream());
            claims.push(Claim::TraitImpl(which));
            continue;
        }
        for member in &i.items {
            let (kind, name) = match member {
                syn::ImplItem::Fn(f) => ("fn", &f.sig.ident),
                syn::ImplItem::Const(c) => ("const", &c.ident),
                syn::ImplItem::Type(t) => ("type", &t.ident),
                _ => continue,
            };
            claims.push(Claim::Associated {
                self_type: self_type.clone(),
                kind,
                name: name.to_string(),
            });
        }
    }
    Ok(claims)
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
