//! `--with-sdk`: a page that a corpus manifest maps to an official SDK operation is drafted from
//! both sources: the SDK model's draft (`codegen::import::import_sdk`) with the page's draft merged
//! over it (`codegen::import::draft::merge`), so that its names, types, mandatory flags and
//! objects are the SDK's and its text, ranges, statuses and examples the page's.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use codegen::import::Options;
use codegen::import::draft::Draft;
use codegen::import::read::sdk::SdkOperation;

use super::manifest::Official;

/// The official SDK's models of some services, by service and operation.
#[derive(Debug, Default)]
pub struct Models(BTreeMap<(String, String), Vec<SdkOperation>>);

impl Models {
    /// Describes `operations` of `service` (all of them when empty) with `tests/oracle/describe.py`.
    pub fn load(root: &Path, services: &BTreeSet<String>, operations: &[String]) -> Result<Models, String> {
        let mut out = BTreeMap::new();
        for service in services {
            for described in super::sdk::describe(root, service, operations)? {
                // An unknown service or operation, or one the script could not describe: such
                // pages keep the page's draft.
                if let super::sdk::Described::Operation(op) = described {
                    out.entry((service.clone(), op.operation.clone())).or_insert_with(Vec::new).push(*op);
                }
            }
        }
        Ok(Models(out))
    }

    /// The page's draft merged over the SDK model's draft of `official`, or why not (no such model,
    /// another method or path, a merge that does not lower).
    pub fn merged(&self, official: &Official, options: &Options, page: &Draft) -> Result<Draft, String> {
        let ops = self
            .0
            .get(&(official.service.clone(), official.operation.clone()))
            .ok_or_else(|| format!("the official SDK's {} has no model of {}", official.service, official.operation))?;
        let op = ops.iter().find(|o| o.version == official.version).or_else(|| ops.first()).ok_or("no model")?;
        let shown = format!("{} model of {}", op.sdk, op.operation);
        let sdk_options =
            Options { version: Some(page.version.clone()), operation: Some(page.operation.clone()), ..options.clone() };
        let sdk = codegen::import::import_sdk(&shown, op, &sdk_options)
            .map_err(|e| e.first().map(ToString::to_string).unwrap_or_default())?;
        let merged = codegen::import::draft::merge::merge(&options.service, &page.rel, &sdk.yaml, &page.yaml)?;
        Ok(Draft { yaml: merged.yaml, reviews: merged.reviews, ..page.clone() })
    }
}
