using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Certify.Domain.Auditing;

/// <summary>
/// The hash chain that makes the audit trail tamper-evident: each record's hash covers its fields and the
/// previous record's hash.
/// </summary>
/// <remarks>
/// The chain alone cannot reveal that records were cut off its end (the remaining prefix is still a valid
/// chain); compare the last hash or the count with a copy kept elsewhere for that.
/// </remarks>
public static class AuditChain
{
    /// <summary>The <see cref="AuditRecord.PreviousHash"/> of the first record.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private const int NullLength = -1;

    /// <summary>
    /// SHA-256, as lower-case hex, over <paramref name="previousHash"/> and the fields in parameter order.
    /// Each field is encoded as a 4-byte big-endian length followed by its UTF-8 bytes (length -1 for null),
    /// so that text cannot move from one field to the next and null stays distinct from "".
    /// <paramref name="occurredAt"/> enters as its UTC round-trip ("O") text, to the tick; the offset does not count.
    /// </summary>
    public static string ComputeHash(
        string previousHash,
        DateTimeOffset occurredAt,
        string? userId,
        string action,
        string entityType,
        string? entityId,
        string? details)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(entityType);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendField(hash, previousHash);
        AppendField(hash, occurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        AppendField(hash, userId);
        AppendField(hash, action);
        AppendField(hash, entityType);
        AppendField(hash, entityId);
        AppendField(hash, details);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Checks records given in chain order and reports the first one that breaks it: the first record not on
    /// <see cref="GenesisHash"/>, a record whose <see cref="AuditRecord.PreviousHash"/> is not the hash of the
    /// record before it (a row deleted, inserted or moved), or a record whose fields no longer give its hash
    /// (a row altered). An empty sequence is a valid, empty chain.
    /// </summary>
    public static AuditChainVerification Verify(IEnumerable<AuditRecord> recordsInOrder)
    {
        ArgumentNullException.ThrowIfNull(recordsInOrder);

        var verifier = new AuditChainVerifier();
        foreach (var record in recordsInOrder)
        {
            if (!verifier.Add(record))
            {
                break;
            }
        }

        return verifier.Result;
    }

    private static void AppendField(IncrementalHash hash, string? value)
    {
        Span<byte> length = stackalloc byte[sizeof(int)];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, NullLength);
            hash.AppendData(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
