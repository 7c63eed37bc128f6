export { default as VersionField } from './VersionField.svelte';
