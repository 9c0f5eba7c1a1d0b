using BenchmarkDotNet.Running;
using Certify.Benchmarks;

// Usage: dotnet run -c Release --project bench/Certify.Benchmarks -- [--questionnaire <file.json>] --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(ScoringBenchmarks).Assembly).Run(QuestionnaireFile.TakeArgument(args));
