using System.Security.Cryptography;
using Certify.Domain.Evidence;
using Certify.Web.Features.Assessments;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Assessments;

/// <summary>Evidence uploads: what is refused leaves no row and no file; what is kept lives under a generated key.</summary>
public sealed class EvidenceUploadTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private const string Question = "SUB-08";

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Theory]
    [InlineData("empty", "vacio.pdf", EvidenceRejection.Empty)]
    [InlineData("too-large", "grande.pdf", EvidenceRejection.TooLarge)]
    [InlineData("executable", "x.pdf", EvidenceRejection.TypeNotAllowed)]
    [InlineData("png", "photo.pdf", EvidenceRejection.ExtensionMismatch)]
    public async Task UploadEvidenceAsync_RefusedFile_StoresNoRowAndNoFile(string content, string fileName, EvidenceRejection expected)
    {
        var owner = await factory.CreateCompanyAsync($"Rechazo {content}");
        var id = await factory.StartAssessmentAsync(owner);
        var filesBefore = factory.StoredFiles();

        var result = await factory.UploadAsync(owner, id, Question, Content(content), fileName);

        Assert.Equal(UploadOutcome.Rejected, result.Outcome);
        Assert.Equal(expected, result.Rejection);
        Assert.Null(result.File);
        Assert.False(await factory.WithDbAsync(db => db.EvidenceFiles.AnyAsync(e => e.AssessmentId == id)));
        Assert.Equal(filesBefore, factory.StoredFiles());
    }

    [Fact]
    public async Task UploadEvidenceAsync_OneMoreThanTheLimit_IsTooManyFilesAndStoresNothing()
    {
        var limit = factory.Services.GetRequiredService<EvidenceLimits>().MaxFilesPerQuestion;
        var owner = await factory.CreateCompanyAsync("Demasiados Archivos");
        var id = await factory.StartAssessmentAsync(owner);
        for (var i = 0; i < limit; i++)
        {
            Assert.Equal(UploadOutcome.Stored, (await factory.UploadAsync(owner, id, Question, AssessmentTestData.Pdf($"archivo {i}"), $"archivo-{i}.pdf")).Outcome);
        }

        var filesBefore = factory.StoredFiles();

        var result = await factory.UploadAsync(owner, id, Question, AssessmentTestData.Pdf("uno de más"), "extra.pdf");

        Assert.Equal(20, limit);
        Assert.Equal(UploadOutcome.Rejected, result.Outcome);
        Assert.Equal(EvidenceRejection.TooManyFiles, result.Rejection);
        Assert.Equal(limit, await factory.WithDbAsync(db => db.EvidenceFiles.CountAsync(e => e.AssessmentId == id && e.QuestionCode == Question)));
        Assert.Equal(filesBefore, factory.StoredFiles());
    }

    [Fact]
    public async Task UploadEvidenceAsync_PathTraversalName_StoresUnderGeneratedKeyWithTheLastSegmentAsName()
    {
        var owner = await factory.CreateCompanyAsync("Nombre Malicioso");
        var id = await factory.StartAssessmentAsync(owner);
        var bytes = AssessmentTestData.Pdf("traversal");
        var escaped = Path.GetFullPath(Path.Combine(factory.FilesRoot(), "../../x.pdf"));

        var result = await factory.UploadAsync(owner, id, Question, bytes, "../../x.pdf");

        Assert.Equal(UploadOutcome.Stored, result.Outcome);
        var row = await factory.WithDbAsync(db => db.EvidenceFiles.AsNoTracking().SingleAsync(e => e.AssessmentId == id));
        Assert.Equal(result.File!.Id, row.Id);
        Assert.Matches(@"^\d{4}/\d{2}/[0-9a-f]{32}\.pdf$", row.StorageKey);
        Assert.Equal("x.pdf", row.FileName);
        Assert.Equal("application/pdf", row.ContentType);
        Assert.Equal(bytes.Length, row.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), row.Sha256);
        var stored = Path.Combine(factory.FilesRoot(), row.StorageKey);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(stored));
        Assert.False(File.Exists(escaped));
        Assert.DoesNotContain(factory.StoredFiles(), f => Path.GetFileName(f) == "x.pdf");
    }

    [Fact]
    public async Task DeleteEvidenceAsync_Draft_RemovesRowAndFile()
    {
        var owner = await factory.CreateCompanyAsync("Borrar Evidencia");
        var id = await factory.StartAssessmentAsync(owner);
        var upload = await factory.UploadAsync(owner, id, Question, AssessmentTestData.Pdf("borrar"), "borrar.pdf");
        var key = await factory.WithDbAsync(db => db.EvidenceFiles.Where(e => e.Id == upload.File!.Id).Select(e => e.StorageKey).SingleAsync());
        Assert.True(File.Exists(Path.Combine(factory.FilesRoot(), key)));

        var deleted = await factory.WithServiceAsync(s => s.DeleteEvidenceAsync(owner.CompanyId, id, upload.File!.Id, owner.Principal, CancellationToken.None));

        Assert.True(deleted);
        Assert.False(await factory.WithDbAsync(db => db.EvidenceFiles.AnyAsync(e => e.AssessmentId == id)));
        Assert.False(File.Exists(Path.Combine(factory.FilesRoot(), key)));
    }

    private static Stream Content(string kind) => kind switch
    {
        "empty" => new MemoryStream(),
        "too-large" => PdfOfLength((10 * 1024 * 1024) + 1),
        // A Windows executable starts with "MZ": no allowed type does.
        "executable" => new MemoryStream([(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]),
        "png" => new MemoryStream([.. PngSignature, 0x00, 0x00, 0x00, 0x0D]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown test content."),
    };

    private static MemoryStream PdfOfLength(int length)
    {
        var bytes = new byte[length];
        AssessmentTestData.Pdf().CopyTo(bytes, 0);
        return new MemoryStream(bytes);
    }
}
