using Certify.RoutingBench;

// Usage: Certify.RoutingBench <prepare|submit|start-clock|wait|report> <data-directory> [options]; see bench/routing/README.md.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Certify.RoutingBench prepare <data-dir> <submissions> <auditors> | submit <data-dir> | start-clock <data-dir> | wait <data-dir> <routed> <timeout-s> | report <data-dir>");
    return 2;
}

var bench = new BenchDatabase(args[1]);
switch (args[0])
{
    case "prepare":
        await Preparation.RunAsync(bench, int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
        return 0;
    case "submit":
        await Submission.RunAsync(bench);
        return 0;
    case "start-clock":
        await Progress.StartClockAsync(bench);
        return 0;
    case "wait":
        return await Progress.WaitAsync(bench, int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)));
    case "report":
        return await Progress.ReportAsync(bench);
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}
