import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Integration tests start real processes and servers on loopback; keep the 2-core machine calm.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
