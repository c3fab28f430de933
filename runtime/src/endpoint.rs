//! Endpoint resolution: which base URLs a service is called at.
//!
//! In order of precedence: endpoints set on the [`Config`](crate::Config) for the service; the
//! environment variable `HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION>` (one or more comma-separated
//! URLs, as in the official SDKs; an empty value counts as unset, as there); the service's
//! documented exception for the region; the service's endpoint pattern for a documented region.
//! Anything else is an error listing the documented regions.

use reqwest::Url;

use crate::error::ConfigError;

/// What the generated code knows about a service: emitted from its `service.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceInfo {
    /// Service name as in endpoints and override variables, e.g. `ddm`.
    pub name: &'static str,
    /// Endpoint pattern with `{region}`, e.g. `https://ddm.{region}.myhuaweicloud.com`.
    pub endpoint: &'static str,
    /// Documented regions.
    pub regions: &'static [&'static str],
    /// `(region, endpoint)` for regions that do not follow the pattern.
    pub exceptions: &'static [(&'static str, &'static str)],
    /// The `(code, message)` fields of the service's error body (`service.yaml`'s `error_body`),
    /// looked for first in an error response, before the other shapes Huawei Cloud uses.
    pub error_body: (&'static str, &'static str),
    /// A global service (`service.yaml`'s `global`): calls carry the account's domain ID in
    /// `X-Domain-Id` and `{domain_id}` (from the credentials, or found through IAM) instead of
    /// `X-Project-Id`.
    pub global: bool,
}

/// The environment variable that overrides `service`'s endpoint in `region`:
/// `HUAWEICLOUD_SDK_REGION_DDM_CN_NORTH_4` for `ddm` and `cn-north-4`.
pub fn override_variable(service: &str, region: &str) -> String {
    format!("HUAWEICLOUD_SDK_REGION_{}_{}", service, region).to_ascii_uppercase().replace('-', "_")
}

/// Resolves the endpoints of `service`. `configured` are the endpoints set on the config for this
/// service (empty when none); `env` looks up environment variables.
pub fn resolve(
    service: &ServiceInfo,
    region: Option<&str>,
    configured: &[String],
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<Url>, ConfigError> {
    if !configured.is_empty() {
        return configured.iter().map(|e| parse_endpoint(e, "the config")).collect();
    }
    let Some(region) = region else {
        return Err(ConfigError::NoRegion { service: service.name.to_owned() });
    };
    let var = override_variable(service.name, region);
    if let Some(value) = env(&var).filter(|v| !v.trim().is_empty()) {
        let endpoints: Vec<Url> = value
            .split(',')
            .filter(|e| !e.trim().is_empty())
            .map(|e| parse_endpoint(e, &var))
            .collect::<Result<_, _>>()?;
        if endpoints.is_empty() {
            // Only commas: a list of no endpoint, which no call could be sent to.
            return Err(ConfigError::InvalidEndpoint {
                endpoint: redact_userinfo(value.trim()),
                origin: var,
                reason: "the list names no endpoint".to_owned(),
            });
        }
        return Ok(endpoints);
    }
    if let Some((_, e)) = service.exceptions.iter().find(|(r, _)| *r == region) {
        return Ok(vec![parse_endpoint(e, "the spec")?]);
    }
    if service.regions.contains(&region) {
        return Ok(vec![parse_endpoint(&service.endpoint.replace("{region}", region), "the spec")?]);
    }
    Err(ConfigError::UnknownRegion {
        service: service.name.to_owned(),
        region: region.to_owned(),
        known: service.regions.iter().map(|r| (*r).to_owned()).collect(),
        variable: var,
    })
}

/// Parses one endpoint: `http` or `https`, a host, an optional port, no path, query or userinfo.
pub fn parse_endpoint(text: &str, origin: &str) -> Result<Url, ConfigError> {
    let text = text.trim();
    let invalid = |reason: &str| ConfigError::InvalidEndpoint {
        endpoint: redact_userinfo(text),
        origin: origin.to_owned(),
        reason: reason.to_owned(),
    };
    let url = Url::parse(text).map_err(|e| invalid(&e.to_string()))?;
    if url.scheme() != "https" && url.scheme() != "http" {
        return Err(invalid("the scheme must be https:// (or http:// for a local server)"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("it has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("it must not contain a user name or password"));
    }
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("it must be scheme://host[:port], without a path, query or fragment"));
    }
    Ok(url)
}

/// The endpoint text with any `user:password@` replaced, for error messages.
fn redact_userinfo(text: &str) -> String {
    match (text.find("://"), text.rfind('@')) {
        (Some(start), Some(at)) if at > start => format!("{}://<redacted>@{}", &text[..start], &text[at + 1..]),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DDM: ServiceInfo = ServiceInfo {
        name: "ddm",
        endpoint: "https://ddm.{region}.myhuaweicloud.com",
        regions: &["cn-north-4", "eu-west-101"],
        exceptions: &[("eu-west-101", "https://ddm.eu-west-101.myhuaweicloud.eu")],
        error_body: ("errCode", "externalMessage"),
        global: false,
    };

    fn no_env(_: &str) -> Option<String> {
        None
    }

    fn hosts(r: Result<Vec<Url>, ConfigError>) -> Vec<String> {
        r.expect("resolves").iter().map(|u| u.as_str().to_owned()).collect()
    }

    #[test]
    fn pattern_exception_override_and_config() {
        assert_eq!(
            hosts(resolve(&DDM, Some("cn-north-4"), &[], &no_env)),
            ["https://ddm.cn-north-4.myhuaweicloud.com/"]
        );
        assert_eq!(
            hosts(resolve(&DDM, Some("eu-west-101"), &[], &no_env)),
            ["https://ddm.eu-west-101.myhuaweicloud.eu/"]
        );
        let env = |name: &str| {
            (name == "HUAWEICLOUD_SDK_REGION_DDM_CN_NORTH_4")
                .then(|| "http://127.0.0.1:8080, http://127.0.0.1:8081".to_owned())
        };
        assert_eq!(
            hosts(resolve(&DDM, Some("cn-north-4"), &[], &env)),
            ["http://127.0.0.1:8080/", "http://127.0.0.1:8081/"]
        );
        // The variable also makes an undocumented region usable.
        let env =
            |name: &str| (name == "HUAWEICLOUD_SDK_REGION_DDM_XX_NEW_1").then(|| "https://ddm.example".to_owned());
        assert_eq!(hosts(resolve(&DDM, Some("xx-new-1"), &[], &env)), ["https://ddm.example/"]);
        let configured = ["https://configured.example:8443".to_owned()];
        assert_eq!(hosts(resolve(&DDM, None, &configured, &no_env)), ["https://configured.example:8443/"]);
    }

    #[test]
    fn unknown_region_lists_the_known_ones() {
        let e = resolve(&DDM, Some("cn-north-5"), &[], &no_env).expect_err("unknown");
        assert_eq!(
            e.to_string(),
            "unknown region \"cn-north-5\" for service ddm; known regions: cn-north-4, eu-west-101 \
             (or set HUAWEICLOUD_SDK_REGION_DDM_CN_NORTH_5 to an endpoint URL)"
        );
        assert!(resolve(&DDM, None, &[], &no_env).expect_err("none").to_string().contains("no region"));
    }

    #[test]
    fn a_variable_of_only_commas_is_an_error_not_an_empty_list() {
        for value in [",", " , ,", ",,\t"] {
            let env = |name: &str| (name == "HUAWEICLOUD_SDK_REGION_DDM_CN_NORTH_4").then(|| value.to_owned());
            let e = resolve(&DDM, Some("cn-north-4"), &[], &env).expect_err(value).to_string();
            assert!(e.contains("names no endpoint") && e.contains("HUAWEICLOUD_SDK_REGION_DDM_CN_NORTH_4"), "{e}");
        }
    }

    #[test]
    fn an_empty_variable_counts_as_unset() {
        for value in ["", " ", "\t"] {
            let env = |name: &str| (name == "HUAWEICLOUD_SDK_REGION_DDM_CN_NORTH_4").then(|| value.to_owned());
            let urls = resolve(&DDM, Some("cn-north-4"), &[], &env).expect("the pattern's endpoint");
            assert_eq!(urls, [Url::parse("https://ddm.cn-north-4.myhuaweicloud.com").expect("url")], "{value:?}");
        }
    }

    #[test]
    fn bad_endpoints_are_clear_errors() {
        for (text, reason) in [
            ("ddm.example.com", "relative URL without a base"),
            ("ftp://ddm.example.com", "scheme must be https://"),
            ("https://ddm.example.com/v1", "without a path"),
            ("https://user:pw@ddm.example.com", "user name or password"),
        ] {
            let e = parse_endpoint(text, "the config").expect_err(text).to_string();
            assert!(e.contains(reason) && !e.contains("pw"), "{e}");
        }
    }
}
