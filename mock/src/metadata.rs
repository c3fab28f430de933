//! The mock cloud as an ECS instance's metadata service: it issues short-lived temporary keys
//! (`PUT /meta-data/latest/api/token`, then `GET /openstack/latest/securitykey`) and accepts calls
//! signed with them and their security token until they expire, so that a test can watch the SDK
//! fetch and renew them (`HUAWEICLOUD_SDK_METADATA_ENDPOINT` pointing at the mock).

use std::time::{Duration, SystemTime};

use huaweicloud_sdk_runtime::signer;

/// The name requests to the metadata session-token path are recorded under.
pub const METADATA_TOKEN: &str = "MetadataApiToken";
/// The name requests to the metadata security-key path are recorded under.
pub const METADATA_SECURITY_KEY: &str = "MetadataSecurityKey";

/// Keys the mock issued.
#[derive(Debug, Clone)]
pub(crate) struct Issued {
    access: String,
    secret: String,
    token: String,
    expires: SystemTime,
    revoked: bool,
}

/// The metadata service's state.
#[derive(Debug)]
pub(crate) struct Metadata {
    lifetime: Duration,
    issued: Vec<Issued>,
    sessions: Vec<String>,
    /// The next security-key requests answered 500, then served again.
    failures: usize,
}

impl Metadata {
    pub(crate) fn new(lifetime: Duration) -> Self {
        Metadata { lifetime, issued: Vec::new(), sessions: Vec::new(), failures: 0 }
    }

    pub(crate) fn fail_next(&mut self, requests: usize) {
        self.failures = requests;
    }

    pub(crate) fn revoke_all(&mut self) {
        for i in &mut self.issued {
            i.revoked = true;
        }
    }

    /// The answer to a metadata request, `None` when `method path` is not one.
    pub(crate) fn answer(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(String, String)],
    ) -> Option<(&'static str, u16, String)> {
        let header = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
        match (method, path) {
            ("PUT", "/meta-data/latest/api/token") => {
                let session = format!("mock-metadata-session-{}", self.sessions.len() + 1);
                self.sessions.push(session.clone());
                Some((METADATA_TOKEN, 200, session))
            }
            ("GET", "/openstack/latest/securitykey") => {
                if !header("x-metadata-token").is_some_and(|t| self.sessions.iter().any(|s| s == t)) {
                    return Some((
                        METADATA_SECURITY_KEY,
                        401,
                        r#"{"message":"invalid or missing X-Metadata-Token"}"#.into(),
                    ));
                }
                if self.failures > 0 {
                    self.failures -= 1;
                    return Some((METADATA_SECURITY_KEY, 500, r#"{"message":"scripted failure"}"#.into()));
                }
                let n = self.issued.len() + 1;
                let issued = Issued {
                    access: format!("MOCKTEMPAK{n:010}"),
                    secret: format!("mock-temporary-secret-{n}"),
                    token: format!("mock-security-token-{n}"),
                    expires: SystemTime::now() + self.lifetime,
                    revoked: false,
                };
                let body = serde_json::json!({"credential": {
                    "access": issued.access,
                    "secret": issued.secret,
                    "securitytoken": issued.token,
                    "expires_at": rfc3339(issued.expires),
                }});
                self.issued.push(issued);
                Some((METADATA_SECURITY_KEY, 200, body.to_string()))
            }
            _ => None,
        }
    }

    /// Checks a call signed with issued keys: `None` when the access key is not one the mock
    /// issued (the caller checks the mock's own keys then).
    pub(crate) fn check(
        &self,
        method: &str,
        path: &str,
        query: &[(String, String)],
        headers: &[(String, String)],
        body: &[u8],
    ) -> Option<Result<(), String>> {
        let header = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
        let authorization = header("authorization")?;
        let issued = self.issued.iter().find(|i| authorization.contains(&format!("Access={}, ", i.access)))?;
        if header("x-security-token") != Some(issued.token.as_str()) {
            return Some(Err("temporary keys need their X-Security-Token".to_owned()));
        }
        if issued.revoked || issued.expires <= SystemTime::now() {
            return Some(Err("the security token has expired".to_owned()));
        }
        Some(signer::verify(method, path, query, headers, body, &issued.access, &issued.secret))
    }
}

/// `2026-12-05T10:00:00.000000Z`, the metadata service's format.
fn rfc3339(at: SystemTime) -> String {
    let t = time::OffsetDateTime::from(at);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.microsecond()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_rfc3339() {
        assert_eq!(rfc3339(SystemTime::UNIX_EPOCH), "1970-01-01T00:00:00.000000Z");
        let at = SystemTime::UNIX_EPOCH + Duration::from_micros(1_796_474_096_123_456);
        assert_eq!(rfc3339(at), "2026-12-05T12:34:56.123456Z");
    }
}
