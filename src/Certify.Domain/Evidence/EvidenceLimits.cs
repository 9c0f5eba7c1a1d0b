namespace Certify.Domain.Evidence;

/// <summary>Upload limits, configurable per deployment (defaults: 10 MB per file, 20 files per question).</summary>
public sealed record EvidenceLimits(long MaxBytes = 10 * 1024 * 1024, int MaxFilesPerQuestion = 20);
