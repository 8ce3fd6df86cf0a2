using BenchmarkDotNet.Running;

// "seed ..." is scripts/bench.sh's bulk seeding, "circuits ..." scripts/circuits.sh's browser; anything else runs the
// BenchmarkDotNet service benchmarks.
if (args is ["seed", ..])
{
    return await Portal.Benchmarks.BenchSeed.RunAsync(args);
}

if (args is ["circuits", ..])
{
    return await Portal.Benchmarks.CircuitDriver.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Portal.Benchmarks.IntegrationServiceBenchmarks).Assembly).Run(args);
return 0;
