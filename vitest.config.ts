import { defineConfig } from 'vitest/config';
import { chooseVulkanDriver } from './src/gpu/node.ts';

// Dawn (the `webgpu` package) reads VK_ICD_FILENAMES when it loads; a worker's env is invisible
// to the native module, so it must be set here, before any worker starts. Without a GPU driver,
// Debian's Chromium ships SwiftShader's Vulkan ICD.
chooseVulkanDriver();

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ['verbose'] : ['default'],
  },
});
