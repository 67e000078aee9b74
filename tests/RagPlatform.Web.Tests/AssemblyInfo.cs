using RagPlatform.Web.Tests.Support;

[assembly: Xunit.CaptureConsole]
// One host and one browser for the whole run; the tests take turns (two cores shared by a browser,
// a web host and OCR are plenty busy with one test at a time).
[assembly: AssemblyFixture(typeof(PlatformUnderTest))]
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
