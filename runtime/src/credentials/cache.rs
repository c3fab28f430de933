//! The credentials a config signs with: what its provider gave, kept, and renewed before they
//! expire by one call while the others wait.

use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

use super::provider::ProvideCredentials;
use super::{Credentials, CredentialsError};

/// After a failed renewal while the old keys are still valid, the next try waits this long, or a
/// quarter of the time left when that is shorter.
const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(10);

#[derive(Default)]
struct State {
    current: Option<Arc<Credentials>>,
    /// When `current` was fetched (its lifetime starts there).
    fetched: Option<SystemTime>,
    /// A call signed with `current` was answered 401: renew whatever the expiry says.
    refused: bool,
    /// No renewal before this, after one failed while `current` was still valid.
    not_before: Option<SystemTime>,
}

/// A provider and what it last gave.
pub(crate) struct CredentialsCache {
    provider: Arc<dyn ProvideCredentials>,
    state: RwLock<State>,
    /// Held by the one call that renews; the others wait for it and read its result.
    renewing: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for CredentialsCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.state.read().unwrap_or_else(PoisonError::into_inner);
        f.debug_struct("Credentials")
            .field("provider", &self.provider)
            .field("current", &state.current)
            .finish_non_exhaustive()
    }
}

impl CredentialsCache {
    pub(crate) fn new(provider: Arc<dyn ProvideCredentials>) -> Self {
        CredentialsCache { provider, state: RwLock::default(), renewing: tokio::sync::Mutex::const_new(()) }
    }

    pub(crate) fn provider(&self) -> &dyn ProvideCredentials {
        &*self.provider
    }

    /// The credentials to sign with now, fetched or renewed when needed.
    pub(crate) async fn get(&self) -> Result<Arc<Credentials>, CredentialsError> {
        if let Some(c) = self.usable(SystemTime::now()) {
            return Ok(c);
        }
        let _renewing = self.renewing.lock().await;
        // Another call may have renewed them while this one waited.
        let now = SystemTime::now();
        if let Some(c) = self.usable(now) {
            return Ok(c);
        }
        let (old, waiting) = {
            let state = self.state.read().unwrap_or_else(PoisonError::into_inner);
            let valid = state.current.clone().filter(|c| !state.refused && !c.expired(now));
            (valid, state.not_before.is_some_and(|t| now < t))
        };
        if let (Some(old), true) = (&old, waiting) {
            return Ok(Arc::clone(old));
        }
        match self.provider.provide_credentials().await {
            Ok(fresh) => {
                let fresh = Arc::new(fresh);
                let mut state = self.state.write().unwrap_or_else(PoisonError::into_inner);
                *state = State {
                    current: Some(Arc::clone(&fresh)),
                    fetched: Some(SystemTime::now()),
                    refused: false,
                    not_before: None,
                };
                if let Some(expires) = fresh.expires_at() {
                    let secs = expires.duration_since(SystemTime::now()).unwrap_or_default().as_secs();
                    tracing::debug!(expires_in_s = secs, "temporary credentials fetched");
                }
                Ok(fresh)
            }
            Err(e) => match old {
                Some(old) => {
                    let left = old.expires_at().and_then(|e| e.duration_since(now).ok()).unwrap_or_default();
                    let wait = RETRY_AFTER_FAILURE.min(left / 4);
                    tracing::warn!(
                        error = %e,
                        valid_for_s = left.as_secs(),
                        retry_in_ms = wait.as_millis() as u64,
                        "renewing the credentials failed; the current ones are still valid and are kept"
                    );
                    self.state.write().unwrap_or_else(PoisonError::into_inner).not_before = Some(now + wait);
                    Ok(old)
                }
                None => Err(e),
            },
        }
    }

    /// The current credentials when they need no renewal at `now`.
    fn usable(&self, now: SystemTime) -> Option<Arc<Credentials>> {
        let state = self.state.read().unwrap_or_else(PoisonError::into_inner);
        let current = state.current.as_ref()?;
        let renew = state.refused || current.needs_renewal(now, state.fetched.unwrap_or(now));
        (!renew).then(|| Arc::clone(current))
    }

    /// A call signed with `used` was answered 401: the next [`get`](Self::get) renews, unless
    /// another call already did (then `used` is no longer the current credentials).
    pub(crate) fn refused(&self, used: &Arc<Credentials>) {
        let mut state = self.state.write().unwrap_or_else(PoisonError::into_inner);
        if state.current.as_ref().is_some_and(|c| Arc::ptr_eq(c, used)) {
            state.refused = true;
            state.not_before = None;
        }
    }
}
