using System.IO.Compression;
using System.Text;
using Certify.Domain.Evidence;

namespace Certify.Domain.Tests.Evidence;

public class EvidenceFilesTests
{
    private static readonly EvidenceLimits Defaults = new();

    public static TheoryData<string, string, EvidenceFileType> AcceptedFiles => new()
    {
        { "pdf", "acta.pdf", EvidenceFileType.Pdf },
        { "png", "foto.png", EvidenceFileType.Png },
        { "jpeg", "foto.jpg", EvidenceFileType.Jpeg },
        { "jpeg", "foto.jpeg", EvidenceFileType.Jpeg },
        { "docx", "protocolo.docx", EvidenceFileType.Docx },
        { "xlsx", "nomina.xlsx", EvidenceFileType.Xlsx },
        { "pdf", "ACTA.PDF", EvidenceFileType.Pdf },
        { "jpeg", "Foto.JPEG", EvidenceFileType.Jpeg },
    };

    [Theory]
    [MemberData(nameof(AcceptedFiles))]
    public void Check_AllowedContentWithMatchingExtension_IsAccepted(string sample, string fileName, EvidenceFileType type)
    {
        using var content = Sample(sample);

        var check = EvidenceFiles.Check(content, fileName, existingCount: 0, Defaults);

        Assert.True(check.Accepted);
        Assert.Equal(new EvidenceCheck(EvidenceRejection.None, type, EvidenceFiles.ContentTypeOf(type), EvidenceFiles.ExtensionOf(type)), check);
    }

    [Theory]
    [InlineData("pdf", EvidenceFileType.Pdf)]
    [InlineData("png", EvidenceFileType.Png)]
    [InlineData("jpeg", EvidenceFileType.Jpeg)]
    [InlineData("docx", EvidenceFileType.Docx)]
    [InlineData("xlsx", EvidenceFileType.Xlsx)]
    public void Detect_AllowedContent_ReturnsTypeAndRewindsStream(string sample, EvidenceFileType type)
    {
        using var content = Sample(sample);
        content.Position = 5;

        var detected = EvidenceFiles.Detect(content);

        Assert.Equal(type, detected);
        Assert.Equal(0, content.Position);
    }

    [Theory]
    [InlineData("exe")]
    [InlineData("zip")]
    [InlineData("txt")]
    [InlineData("docm")]
    [InlineData("brokenzip")]
    [InlineData("tiny")]
    public void Detect_OtherContent_ReturnsNull(string sample)
    {
        using var content = Sample(sample);

        Assert.Null(EvidenceFiles.Detect(content));
        Assert.Equal(0, content.Position);
    }

    [Fact]
    public void Check_EmptyFile_IsRejectedAsEmpty()
    {
        using var content = new MemoryStream();

        var check = EvidenceFiles.Check(content, "acta.pdf", existingCount: 0, Defaults);

        Assert.False(check.Accepted);
        Assert.Equal(new EvidenceCheck(EvidenceRejection.Empty, null, null, null), check);
    }

    [Fact]
    public void Check_OneByteOverDefaultLimit_IsRejectedAsTooLarge()
    {
        using var content = new LengthOnlyStream(10 * 1024 * 1024 + 1);

        var check = EvidenceFiles.Check(content, "acta.pdf", existingCount: 0, Defaults);

        Assert.Equal(EvidenceRejection.TooLarge, check.Rejection);
        Assert.Null(check.Type);
    }

    [Fact]
    public void Check_ExactlyAtConfiguredLimit_IsAccepted()
    {
        using var content = Sample("pdf");
        var limits = new EvidenceLimits(MaxBytes: content.Length);

        Assert.True(EvidenceFiles.Check(content, "acta.pdf", existingCount: 0, limits).Accepted);
    }

    [Fact]
    public void Check_OneByteOverConfiguredLimit_IsRejectedAsTooLarge()
    {
        using var content = Sample("pdf");
        var limits = new EvidenceLimits(MaxBytes: content.Length - 1);

        Assert.Equal(EvidenceRejection.TooLarge, EvidenceFiles.Check(content, "acta.pdf", existingCount: 0, limits).Rejection);
    }

    [Theory]
    [InlineData(19, EvidenceRejection.None)]
    [InlineData(20, EvidenceRejection.TooManyFiles)]
    [InlineData(25, EvidenceRejection.TooManyFiles)]
    public void Check_ExistingFilesForQuestion_RejectsFromTheLimit(int existingCount, EvidenceRejection rejection)
    {
        using var content = Sample("pdf");

        Assert.Equal(rejection, EvidenceFiles.Check(content, "acta.pdf", existingCount, Defaults).Rejection);
    }

    [Fact]
    public void Check_ConfiguredFileLimit_IsUsed()
    {
        using var content = Sample("pdf");
        var limits = new EvidenceLimits(MaxFilesPerQuestion: 3);

        Assert.Equal(EvidenceRejection.TooManyFiles, EvidenceFiles.Check(content, "acta.pdf", existingCount: 3, limits).Rejection);
    }

    [Theory]
    [InlineData("exe", "setup.exe")]
    [InlineData("exe", "setup.pdf")]
    [InlineData("zip", "paquete.zip")]
    [InlineData("zip", "paquete.docx")]
    [InlineData("docm", "macro.docx")]
    [InlineData("txt", "notas.txt")]
    [InlineData("txt", "notas.pdf")]
    [InlineData("pdf", "acta.exe")]
    [InlineData("pdf", "acta")]
    [InlineData("pdf", "acta.pdf.")]
    public void Check_ContentOrExtensionNotAllowed_IsRejectedAsTypeNotAllowed(string sample, string fileName)
    {
        using var content = Sample(sample);

        var check = EvidenceFiles.Check(content, fileName, existingCount: 0, Defaults);

        Assert.Equal(EvidenceRejection.TypeNotAllowed, check.Rejection);
        Assert.False(check.Accepted);
    }

    [Theory]
    [InlineData("png", "foto.pdf", EvidenceFileType.Png)]
    [InlineData("pdf", "acta.jpg", EvidenceFileType.Pdf)]
    [InlineData("docx", "protocolo.xlsx", EvidenceFileType.Docx)]
    [InlineData("xlsx", "nomina.docx", EvidenceFileType.Xlsx)]
    public void Check_ContentOfAnotherAllowedType_IsRejectedAsExtensionMismatch(string sample, string fileName, EvidenceFileType detected)
    {
        using var content = Sample(sample);

        var check = EvidenceFiles.Check(content, fileName, existingCount: 0, Defaults);

        Assert.Equal(EvidenceRejection.ExtensionMismatch, check.Rejection);
        Assert.Equal(detected, check.Type);
    }

    [Fact]
    public void Check_EmptyAndTooManyFiles_IsRejectedAsEmpty()
    {
        using var content = new MemoryStream();

        Assert.Equal(EvidenceRejection.Empty, EvidenceFiles.Check(content, "x.exe", existingCount: 99, Defaults).Rejection);
    }

    [Fact]
    public void Check_ExecutableAndTooManyFiles_IsRejectedAsTooManyFiles()
    {
        using var content = Sample("exe");

        Assert.Equal(EvidenceRejection.TooManyFiles, EvidenceFiles.Check(content, "x.exe", existingCount: 20, Defaults).Rejection);
    }

    [Fact]
    public void Check_NonSeekableStream_Throws()
    {
        using var content = new NonSeekableStream(Sample("pdf"));

        Assert.Throws<ArgumentException>(() => EvidenceFiles.Check(content, "acta.pdf", existingCount: 0, Defaults));
    }

    [Theory]
    [InlineData("../../x.pdf")]
    [InlineData("..\\..\\x.pdf")]
    [InlineData("/etc/x.pdf")]
    [InlineData("C:\\Users\\rh\\x.pdf")]
    public void Check_PathInFileName_UsesLastSegmentOnly(string fileName)
    {
        using var content = Sample("pdf");

        var check = EvidenceFiles.Check(content, fileName, existingCount: 0, Defaults);

        Assert.True(check.Accepted);
        Assert.Equal(".pdf", check.Extension);
        Assert.Equal("x.pdf", EvidenceFiles.DisplayName(fileName));
    }

    [Theory]
    [InlineData("acta constitutiva.pdf", "acta constitutiva.pdf")]
    [InlineData("  acta.pdf  ", "acta.pdf")]
    [InlineData("ac\u0000ta\r\n.pdf", "acta.pdf")]
    [InlineData("recibo\u202Efdp.exe", "recibofdp.exe")]
    [InlineData("../../", "evidence")]
    [InlineData("", "evidence")]
    public void DisplayName_ClientName_IsCleaned(string clientName, string expected)
    {
        Assert.Equal(expected, EvidenceFiles.DisplayName(clientName));
    }

    [Fact]
    public void DisplayName_LongName_IsCutTo150KeepingExtension()
    {
        var name = EvidenceFiles.DisplayName(new string('a', 300) + ".xlsx");

        Assert.Equal(150, name.Length);
        Assert.EndsWith("a.xlsx", name, StringComparison.Ordinal);
    }

    [Fact]
    public void DisplayName_CutInsideSurrogatePair_DropsTheHalfCharacter()
    {
        var name = EvidenceFiles.DisplayName(new string('a', 145) + "😀😀😀😀😀.pdf");

        Assert.Equal(new string('a', 145) + ".pdf", name);
    }

    [Fact]
    public void AllowedExtensions_Always_AreTheSixFromTheIssue()
    {
        Assert.Equal([".pdf", ".png", ".jpg", ".jpeg", ".docx", ".xlsx"], EvidenceFiles.AllowedExtensions);
    }

    [Theory]
    [InlineData(EvidenceFileType.Pdf, "application/pdf", ".pdf")]
    [InlineData(EvidenceFileType.Png, "image/png", ".png")]
    [InlineData(EvidenceFileType.Jpeg, "image/jpeg", ".jpg")]
    [InlineData(EvidenceFileType.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")]
    [InlineData(EvidenceFileType.Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")]
    public void ContentTypeOfAndExtensionOf_EachType_AreCanonical(EvidenceFileType type, string contentType, string extension)
    {
        Assert.Equal(contentType, EvidenceFiles.ContentTypeOf(type));
        Assert.Equal(extension, EvidenceFiles.ExtensionOf(type));
    }

    private static MemoryStream Sample(string kind) => kind switch
    {
        "pdf" => Bytes("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray()),
        "png" => Bytes([
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
            0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xDE]),
        "jpeg" => Bytes([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9]),
        "docx" => Zip("[Content_Types].xml", "_rels/.rels", "word/document.xml"),
        "xlsx" => Zip("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
        "docm" => Zip("[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/vbaProject.bin"),
        "zip" => Zip("readme.txt", "datos/tabla.csv"),
        "brokenzip" => Bytes([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01, 0x02]),
        "exe" => Bytes([0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00]),
        "txt" => Bytes("Lista de asistencia a la capacitación\n"u8.ToArray()),
        "tiny" => Bytes([0x25, 0x50]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static MemoryStream Bytes(byte[] bytes) => new(bytes, writable: false);

    private static MemoryStream Zip(params string[] entries)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
                writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><x/>");
            }
        }

        return Bytes(buffer.ToArray());
    }

    /// <summary>Reports a length without holding the bytes, to test the size limit without allocating 10 MB.</summary>
    private sealed class LengthOnlyStream(long length) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get; set; }
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("The size check must not read the content.");
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush()
        {
        }
    }

    private sealed class NonSeekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush()
        {
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
