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
    /// How many times the provider was asked, and the error of the last time when it failed:
    /// the calls that waited for that try take its outcome instead of asking again.
    tries: u64,
    failure: Option<CredentialsError>,
}

impl State {
    /// The current credentials when a call may still sign with them at `now`: not expired, not
    /// refused.
    fn valid(&self, now: SystemTime) -> Option<Arc<Credentials>> {
        self.current.clone().filter(|c| !self.refused && !c.expired(now))
    }
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
        let (seen, valid) = {
            let now = SystemTime::now();
            let state = self.state.read().unwrap_or_else(PoisonError::into_inner);
            (state.tries, state.valid(now))
        };
        let _renewing = match (self.renewing.try_lock(), valid) {
            (Ok(guard), _) => guard,
            // Another call is renewing and the current keys are still good: no need to wait.
            (Err(_), Some(valid)) => return Ok(valid),
            (Err(_), None) => self.renewing.lock().await,
        };
        // Another call may have renewed them (or tried and failed) while this one waited.
        let now = SystemTime::now();
        if let Some(c) = self.usable(now) {
            return Ok(c);
        }
        let (old, waiting) = {
            let state = self.state.read().unwrap_or_else(PoisonError::into_inner);
            if state.tries != seen
                && let Some(e) = &state.failure
            {
                return state.valid(now).ok_or_else(|| e.clone());
            }
            (state.valid(now), state.not_before.is_some_and(|t| now < t))
        };
        if let (Some(old), true) = (&old, waiting) {
            return Ok(Arc::clone(old));
        }
        let outcome = self.provider.provide_credentials().await;
        let mut state = self.state.write().unwrap_or_else(PoisonError::into_inner);
        state.tries += 1;
        match outcome {
            Ok(fresh) => {
                let fresh = Arc::new(fresh);
                *state = State {
                    current: Some(Arc::clone(&fresh)),
                    fetched: Some(SystemTime::now()),
                    refused: false,
                    not_before: None,
                    tries: state.tries,
                    failure: None,
                };
                if let Some(expires) = fresh.expires_at() {
                    let secs = expires.duration_since(SystemTime::now()).unwrap_or_default().as_secs();
                    tracing::debug!(expires_in_s = secs, "temporary credentials fetched");
                }
                Ok(fresh)
            }
            Err(e) => {
                state.failure = Some(e.clone());
                // Counted from now: the failed try itself may have taken seconds.
                let now = SystemTime::now();
                match old.filter(|c| !c.expired(now)) {
                    Some(old) => {
                        let left = old.expires_at().and_then(|e| e.duration_since(now).ok()).unwrap_or_default();
                        let wait = RETRY_AFTER_FAILURE.min(left / 4);
                        tracing::warn!(
                            error = %e,
                            valid_for_s = left.as_secs(),
                            retry_in_ms = wait.as_millis() as u64,
                            "renewing the credentials failed; the current ones are still valid and are kept"
                        );
                        state.not_before = Some(now + wait);
                        Ok(old)
                    }
                    None => Err(e),
                }
            }
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

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::credentials::ProvideFuture;

    /// Counts its calls; each takes 50 ms and fails while `fail` says so, else gives keys valid
    /// for `life`.
    #[derive(Debug)]
    struct Counting {
        calls: AtomicUsize,
        fail: std::sync::atomic::AtomicBool,
        life: Duration,
    }

    impl ProvideCredentials for Counting {
        fn provide_credentials(&self) -> ProvideFuture<'_> {
            Box::pin(async move {
                let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
                tokio::time::sleep(Duration::from_millis(50)).await;
                if self.fail.load(Ordering::SeqCst) {
                    return Err(CredentialsError::Source { source_name: "test".into(), message: format!("try {n}") });
                }
                Ok(Credentials::ak_sk(format!("AK{n}"), "SK").with_expiry(SystemTime::now() + self.life))
            })
        }
    }

    fn cache(fail: bool, life: Duration) -> (Arc<Counting>, Arc<CredentialsCache>) {
        let provider = Arc::new(Counting { calls: AtomicUsize::new(0), fail: fail.into(), life });
        let cache = Arc::new(CredentialsCache::new(Arc::clone(&provider) as Arc<dyn ProvideCredentials>));
        (provider, cache)
    }

    async fn concurrently(cache: &Arc<CredentialsCache>, n: usize) -> Vec<Result<Arc<Credentials>, CredentialsError>> {
        let tasks: Vec<_> = (0..n)
            .map(|_| {
                let cache = Arc::clone(cache);
                tokio::spawn(async move { cache.get().await })
            })
            .collect();
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.expect("task"));
        }
        out
    }

    #[tokio::test(flavor = "current_thread")]
    async fn calls_waiting_for_a_failed_first_fetch_take_its_error_instead_of_asking_again() {
        let (provider, cache) = cache(true, Duration::from_secs(3600));
        let results = concurrently(&cache, 20).await;
        assert!(results.iter().all(|r| r.as_ref().is_err_and(|e| e.to_string().contains("try 1"))), "{results:?}");
        assert_eq!(provider.calls.load(Ordering::SeqCst), 1);
        // A later call asks again: failures are not kept beyond the calls that waited.
        provider.fail.store(false, Ordering::SeqCst);
        assert_eq!(cache.get().await.expect("keys").access_key(), Some("AK2"));
    }

    #[tokio::test(flavor = "current_thread")]
    async fn calls_during_a_renewal_of_still_valid_keys_do_not_wait_for_it() {
        // Keys valid 200 ms are renewed in their second half.
        let (provider, cache) = cache(false, Duration::from_millis(200));
        assert_eq!(cache.get().await.expect("keys").access_key(), Some("AK1"));
        tokio::time::sleep(Duration::from_millis(120)).await;
        let renewing = {
            let cache = Arc::clone(&cache);
            tokio::spawn(async move { cache.get().await })
        };
        tokio::task::yield_now().await;
        // The renewal is under way (50 ms): this call gets the old keys at once.
        let during = cache.get().await.expect("keys");
        assert_eq!(during.access_key(), Some("AK1"));
        assert_eq!(renewing.await.expect("task").expect("renewed").access_key(), Some("AK2"));
        assert_eq!(provider.calls.load(Ordering::SeqCst), 2);
    }
}
