namespace Certify.Domain.Companies;

/// <summary>Derives <see cref="CompanySize"/> from the number of workers.</summary>
public static class CompanySizes
{
    public const int MinWorkers = 1;
    public const int MaxWorkers = 1_000_000;

    private const int MaxMicroWorkers = 10;
    private const int MaxSmallWorkers = 50;
    private const int MaxMediumWorkers = 250;

    /// <summary>Micro up to 10 workers, small 11–50, medium 51–250, large above 250.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="workers"/> is outside [<see cref="MinWorkers"/>, <see cref="MaxWorkers"/>].
    /// </exception>
    public static CompanySize FromWorkers(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, MinWorkers);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workers, MaxWorkers);

        return workers switch
        {
            <= MaxMicroWorkers => CompanySize.Micro,
            <= MaxSmallWorkers => CompanySize.Small,
            <= MaxMediumWorkers => CompanySize.Medium,
            _ => CompanySize.Large,
        };
    }
}
