namespace Certify.Domain.Evidence;

/// <summary>The kinds of evidence file an employer may upload, as recognised from their content.</summary>
public enum EvidenceFileType { Pdf, Png, Jpeg, Docx, Xlsx }
