export { ConfirmDialog } from './confirm-dialog.js';
export type { ConfirmDialogProps } from './confirm-dialog.js';
export { TextPrompt } from './text-prompt.js';
export type { TextPromptProps } from './text-prompt.js';
export { ProgressBar, progressBarText } from './progress-bar.js';
export { Sparkline, sparklineText } from './sparkline.js';
export { Tabs } from './tabs.js';
export { Footer, footerHints } from './footer.js';
export { HelpOverlay, helpLines } from './help-overlay.js';
