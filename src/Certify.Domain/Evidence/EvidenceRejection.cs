namespace Certify.Domain.Evidence;

/// <summary>Why an upload was refused; <see cref="None"/> when it was accepted.</summary>
public enum EvidenceRejection { None, Empty, TooLarge, TypeNotAllowed, ExtensionMismatch, TooManyFiles }
