namespace Certify.Domain.Risk;

/// <summary>
/// Fits a logistic regression by Newton's method (iteratively reweighted least squares) with an L2 penalty on the
/// standardised weights (not on the intercept), then returns the weights on the factors' own scale so a weight reads
/// as "log-odds per unit". A factor that never varies in the data gets weight 0. Deterministic: the same rows give
/// the same model.
/// </summary>
public static class LogisticFitter
{
    public const double DefaultPenalty = 1.0;
    private const int MaxIterations = 50;
    private const double Tolerance = 1e-9;

    public static (double Intercept, double[] Weights) Fit(IReadOnlyList<IReadOnlyList<double>> rows, IReadOnlyList<bool> outcomes, double penalty = DefaultPenalty)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (rows.Count == 0 || rows.Count != outcomes.Count)
        {
            throw new ArgumentException("One outcome per row, and at least one row.", nameof(outcomes));
        }

        var n = rows.Count;
        var d = rows[0].Count;
        var means = new double[d];
        var scales = new double[d];
        for (var j = 0; j < d; j++)
        {
            var mean = rows.Average(r => r[j]);
            var variance = rows.Sum(r => (r[j] - mean) * (r[j] - mean)) / n;
            means[j] = mean;
            scales[j] = variance > 1e-12 ? Math.Sqrt(variance) : 0;
        }

        // Column 0 is the intercept; a constant factor's column stays 0 and its weight 0.
        var x = new double[n][];
        for (var i = 0; i < n; i++)
        {
            x[i] = new double[d + 1];
            x[i][0] = 1;
            for (var j = 0; j < d; j++)
            {
                x[i][j + 1] = scales[j] > 0 ? (rows[i][j] - means[j]) / scales[j] : 0;
            }
        }

        var beta = new double[d + 1];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var gradient = new double[d + 1];
            var hessian = new double[d + 1, d + 1];
            for (var i = 0; i < n; i++)
            {
                var eta = 0.0;
                for (var k = 0; k <= d; k++)
                {
                    eta += beta[k] * x[i][k];
                }

                var p = 1 / (1 + Math.Exp(-eta));
                var residual = (outcomes[i] ? 1 : 0) - p;
                var weight = Math.Max(p * (1 - p), 1e-10);
                for (var a = 0; a <= d; a++)
                {
                    gradient[a] += residual * x[i][a];
                    for (var b = a; b <= d; b++)
                    {
                        hessian[a, b] += weight * x[i][a] * x[i][b];
                    }
                }
            }

            for (var a = 0; a <= d; a++)
            {
                for (var b = 0; b < a; b++)
                {
                    hessian[a, b] = hessian[b, a];
                }

                if (a > 0)
                {
                    gradient[a] -= penalty * beta[a];
                    hessian[a, a] += penalty;
                }
            }

            var step = Solve(hessian, gradient);
            var largest = 0.0;
            for (var k = 0; k <= d; k++)
            {
                beta[k] += step[k];
                largest = Math.Max(largest, Math.Abs(step[k]));
            }

            if (largest < Tolerance)
            {
                break;
            }
        }

        var weights = new double[d];
        var intercept = beta[0];
        for (var j = 0; j < d; j++)
        {
            if (scales[j] > 0)
            {
                weights[j] = beta[j + 1] / scales[j];
                intercept -= weights[j] * means[j];
            }
        }

        return (intercept, weights);
    }

    /// <summary>Gaussian elimination with partial pivoting; the matrix is positive definite (penalised Hessian).</summary>
    private static double[] Solve(double[,] matrix, double[] vector)
    {
        var size = vector.Length;
        var a = (double[,])matrix.Clone();
        var b = (double[])vector.Clone();
        for (var column = 0; column < size; column++)
        {
            var pivot = column;
            for (var row = column + 1; row < size; row++)
            {
                if (Math.Abs(a[row, column]) > Math.Abs(a[pivot, column]))
                {
                    pivot = row;
                }
            }

            if (Math.Abs(a[pivot, column]) < 1e-14)
            {
                a[pivot, column] = 1e-14;
            }

            if (pivot != column)
            {
                for (var k = 0; k < size; k++)
                {
                    (a[column, k], a[pivot, k]) = (a[pivot, k], a[column, k]);
                }

                (b[column], b[pivot]) = (b[pivot], b[column]);
            }

            for (var row = column + 1; row < size; row++)
            {
                var factor = a[row, column] / a[column, column];
                for (var k = column; k < size; k++)
                {
                    a[row, k] -= factor * a[column, k];
                }

                b[row] -= factor * b[column];
            }
        }

        var solution = new double[size];
        for (var row = size - 1; row >= 0; row--)
        {
            var sum = b[row];
            for (var k = row + 1; k < size; k++)
            {
                sum -= a[row, k] * solution[k];
            }

            solution[row] = sum / a[row, row];
        }

        return solution;
    }
}
