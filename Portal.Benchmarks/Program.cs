using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Portal.Benchmarks.IntegrationServiceBenchmarks).Assembly).Run(args);
