import type { StorybookConfig } from '@storybook/web-components-vite';

// Builds offline: no telemetry, no "what's new" or crash reports; every addon is a local package.
// Storybook also loads vite.config.ts, but keeps only `build.target` from its `build` section, so
// the library-mode settings there (entries, lit external, preserveModules) do not reach stories.
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
    enableCrashReports: false,
  },
};

export default config;
