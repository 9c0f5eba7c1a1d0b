using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Certify.Domain.Questionnaires;
using Certify.Web.Features.Distinctives;
using Certify.Web.Features.Distinctives.Certificates;

namespace Certify.Benchmarks;

/// <summary>One certificate PDF after warm-up (the first render loads the fonts and costs far more). Target: under 30 ms median.</summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortConfig))]
public class CertificateBenchmarks
{
    private readonly PdfCertificateRenderer _renderer = new();

    private readonly CertificateContent _content = new(
        Number: "DRL-AUTO-2026-00042",
        VerificationCode: "K7QM-3XTP-9RWD-F",
        LegalName: "Autopartes del Bajío, S.A. de C.V.",
        Rfc: "ABA0101019X3",
        ProgramName: new LocalizedText(
            "Distintivo de Responsabilidad Laboral — Cadena Automotriz",
            "Labour Responsibility Distinctive — Automotive Supply Chain"),
        LevelCode: "A",
        Topics:
        [
            new LocalizedText("Subcontratación", "Subcontracting"),
            new LocalizedText("Libertad sindical y negociación colectiva", "Freedom of association and collective bargaining"),
            new LocalizedText("Igualdad laboral y no discriminación", "Workplace equality and non-discrimination"),
        ],
        FirstDay: new DateOnly(2026, 11, 25),
        LastDay: new DateOnly(2028, 11, 24),
        IssuerName: "Centro de Auditoría Laboral del Bajío (demo)",
        VerifyUrl: "https://certify.example/verificar/K7QM3XTP9RWDF",
        // About the size of a real credential (~2 KB).
        CredentialJwt: "eyJhbGciOiJFUzI1NiJ9." + new string('A', 2000) + ".c2ln");

    [GlobalSetup]
    public void WarmUp() => _renderer.Render(_content);

    [Benchmark]
    public byte[] RenderCertificate() => _renderer.Render(_content);

    /// <summary>
    /// In process: BenchmarkDotNet's per-job rebuild of the web project outruns its two-minute build timeout on a
    /// shared two-core machine. Fifteen iterations give a usable median in well under a minute.
    /// </summary>
    private sealed class InProcessShortConfig : ManualConfig
    {
        public InProcessShortConfig() =>
            AddJob(Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(5)
                .WithIterationCount(15)
                .WithToolchain(InProcessEmitToolchain.Instance));
    }
}
