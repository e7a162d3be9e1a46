import { defineConfig } from 'vitest/config';
import { chooseVulkanDriver } from './src/gpu/node.ts';
import { LongestFirst } from './test/sequencer.ts';

// Dawn (the `webgpu` package) reads VK_ICD_FILENAMES when it loads; a worker's env is invisible
// to the native module, so it must be set here, before any worker starts. Without a GPU driver,
// Debian's Chromium ships SwiftShader's Vulkan ICD.
chooseVulkanDriver();

/**
 * GPU test files that need a device no other file has used (they check that nothing compiled
 * their kernels first): they run isolated, with their own device.
 */
const FRESH_DEVICE = ['test/gpu/prepare.test.ts', 'test/gpu/specialise.test.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ['verbose'] : ['default'],
    // Longest files first, the device-sharing GPU files together (test/sequencer.ts).
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        test: { name: 'isolated', include: ['test/unit/**/*.test.ts', 'test/e2e/**/*.test.ts', ...FRESH_DEVICE] },
      },
      {
        // The other GPU files share one worker's modules, so one Dawn device (test/helpers/gpu.ts)
        // and its compiled pipelines: SwiftShader compiles each kernel once per worker, not once per
        // file (a compile takes seconds on a CPU; tens of seconds on a loaded machine).
        extends: true,
        test: { name: 'gpu', include: ['test/gpu/**/*.test.ts'], exclude: FRESH_DEVICE, isolate: false },
      },
    ],
  },
});
