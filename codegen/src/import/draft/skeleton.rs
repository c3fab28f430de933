//! The `service.yaml` drafted for a service that has none, and a drafted file lowered alone with it.

use crate::SourceFile;
use crate::diag::Diagnostics;

/// Lowers the drafted file `rel` (`<service>/<version>/<operation>.yaml`) alone, with the service
/// skeleton the importer would write beside it: what a drafted or merged file must pass.
///
/// # Errors
/// The lowering's diagnostics.
pub fn lower_alone(service: &str, rel: &str, yaml: &str) -> Result<(), Diagnostics> {
    let file = |rel: String, text: String| SourceFile { display: rel.clone(), rel, text };
    let files =
        [file(format!("{service}/service.yaml"), service_skeleton(service)), file(rel.to_owned(), yaml.to_owned())];
    crate::lower::lower(&files).map(|_| ())
}

/// A `service.yaml` skeleton for a service that has none: the keys spec.rs requires, each value
/// a placeholder marked for review (none of it is on an operation's page).
pub fn service_skeleton(service: &str) -> String {
    let q = super::yaml::quoted;
    format!(
        "# Drafted by `cargo xtask import`: nothing here is on an operation page; fill in every value.\n\
         service: {service}\n\
         # review: the product name in the documentation\n\
         display_name: {}\n\
         # review: one paragraph from the service overview\n\
         description: {}\n\
         # review: \"Regions and Endpoints\"\n\
         endpoint: {}\n\
         # review: the regions where the service is offered\n\
         regions: [cn-north-4]\n\
         # review: the fields of the service's error body (DDM: errCode/externalMessage)\n\
         error_body:\n  code: error_code\n  message: error_msg\n",
        q(&service.to_uppercase()),
        q(&format!("The {} service.", service.to_uppercase())),
        q(&format!("https://{service}.{{region}}.myhuaweicloud.com")),
    )
}
