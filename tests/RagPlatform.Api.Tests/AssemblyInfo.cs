[assembly: Xunit.CaptureConsole]
