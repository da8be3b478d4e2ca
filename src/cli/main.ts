// Placeholder entry so the build runs; replaced by the real CLI.
console.log('tcp-tutor 0.1.0');
