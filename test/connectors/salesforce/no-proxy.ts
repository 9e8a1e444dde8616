// jsforce reads HTTP(S)_PROXY when its module loads and ignores NO_PROXY: imported before anything
// that loads jsforce, so the tests only ever talk to 127.0.0.1 directly.
for (const k of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"]) delete process.env[k];
