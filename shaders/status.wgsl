// Shared by the stepping kernels: where a non-finite value is reported, and which step a dispatch is.

struct Status {
  // The first step whose result held a non-finite value (0xffffffff: none yet).
  firstNonFiniteStep: atomic<u32>,
}

struct StepSlot {
  // 1-based position of this dispatch within its submit; the step number is P.stepBase + index.
  index: u32,
}
