using BenchmarkDotNet.Attributes;
using Certify.Domain.Questionnaires;
using Certify.Domain.Scoring;

namespace Certify.Benchmarks;

[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private static readonly DateOnly Today = new(2025, 6, 30);

    private QuestionnaireDefinition _definition = null!;
    private AnswerSheet _sheet = null!;

    [GlobalSetup]
    public void Setup()
    {
        _definition = QuestionnaireFile.Load();
        _sheet = CompleteAnswers.For(_definition, Today);
    }

    [Benchmark]
    public ScoreResult ScoreCompleteAssessment() => Scorer.Score(_definition, _sheet, Today);

    [Benchmark]
    public IReadOnlySet<string> VisibleQuestions() => Visibility.VisibleQuestions(_definition, _sheet);
}
