using System;
using System.IO;
using System.Text;
using NetGen.Samples.Data;

namespace NetGen.Samples.Tests;

public sealed class CsvDatasetTests
{
    private static Dataset Read(string text, int? expectedFeatures = null) =>
        CsvDataset.Read(new StringReader(text), "test.csv", expectedFeatures);

    private static DataFormatException ReadFails(string text, int? expectedFeatures = null) =>
        Assert.Throws<DataFormatException>(() => Read(text, expectedFeatures));

    [Fact]
    public void ScikitLearnHeader_GivesClassNamesAndIsChecked()
    {
        Dataset data = Read("3,2,no,yes\n1.5,2,0\n-3e2,4.25,1\n5,6,1\n");

        Assert.Equal(3, data.Count);
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal(["no", "yes"], data.ClassNames);
        Assert.Equal([1.5f, 2f, -300f, 4.25f, 5f, 6f], data.Features.ToArray());
        Assert.Equal([0, 1, 1], data.Labels.ToArray());
    }

    [Fact]
    public void NoHeader_ClassesAreNumberedUpToTheLargestLabel()
    {
        Dataset data = Read("0,0,2\r\n\r\n1,1,0\r\n");
        Assert.Equal(2, data.Count);
        Assert.Equal(["0", "1", "2"], data.ClassNames);
    }

    [Fact]
    public void ColumnNameHeader_IsSkipped()
    {
        Dataset data = Read("a,b,label\n1,2,0\n");
        Assert.Equal(1, data.Count);
        Assert.Equal(2, data.FeatureCount);
    }

    [Fact]
    public void LineWithTooFewValues_ReportsFileLineExpectedAndActual()
    {
        DataFormatException e = ReadFails("2,3,a,b\n1,2,3,0\n1,2,1\n");

        Assert.Equal("test.csv", e.FilePath);
        Assert.Equal(3, e.LineNumber);
        Assert.Equal("test.csv, line 3: Expected 4 comma-separated values (3 features and a label) but found 3.", e.Message);
    }

    [Fact]
    public void ValueThatIsNotANumber_ReportsLineAndColumn()
    {
        DataFormatException e = ReadFails("1,2,0\n1,x2,1\n");
        Assert.Equal(2, e.LineNumber);
        Assert.Contains("Column 2: 'x2' is not a number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonFiniteFeature_IsRejected()
    {
        DataFormatException e = ReadFails("1,2,0\nNaN,2,1\n");
        Assert.Equal(2, e.LineNumber);
        Assert.Contains("not a finite", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,2,2", "is not a whole number from 0 to 1 (classes: no, yes)")]
    [InlineData("1,2,0.5", "is not a whole number from 0 to 1")]
    [InlineData("1,2,-1", "is not a whole number from 0 to 1")]
    public void LabelOutsideTheHeadersClasses_IsRejected(string line, string expected)
    {
        DataFormatException e = ReadFails("1,2,no,yes\n" + line + "\n");
        Assert.Equal(2, e.LineNumber);
        Assert.Contains("Column 3 (the label)", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderExampleCountMismatch_IsReportedAtTheHeader()
    {
        DataFormatException e = ReadFails("3,2,no,yes\n1,2,0\n3,4,1\n");
        Assert.Equal(1, e.LineNumber);
        Assert.Contains("declares 3 examples but the file has 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderFeatureCountDifferentFromTheNetworks_IsReported()
    {
        DataFormatException e = ReadFails("1,2,no,yes\n1,2,0\n", expectedFeatures: 30);
        Assert.Equal(1, e.LineNumber);
        Assert.Contains("declares 2 features but 30 were expected", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectedFeatureCount_IsCheckedOnEveryLine()
    {
        DataFormatException e = ReadFails("1,2,3,0\n", expectedFeatures: 2);
        Assert.Equal(1, e.LineNumber);
        Assert.Contains("Expected 3 comma-separated values (2 features and a label) but found 4", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("0,1,a,b\n")]
    public void NoExamples_IsAnError(string text)
    {
        DataFormatException e = ReadFails(text);
        Assert.Contains("no examples", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReadsPlainAndGzipFilesAlike_AndNamesThePathInErrors()
    {
        using var temp = new TempFiles();
        const string text = "2,2,no,yes\n1,2,0\n3,4,1\n";
        Dataset plain = CsvDataset.Load(temp.Write("plain.csv", text));
        Dataset gzip = CsvDataset.Load(temp.WriteGzip("data.csv.gz", Encoding.UTF8.GetBytes(text)));
        Assert.Equal(plain.Features.ToArray(), gzip.Features.ToArray());
        Assert.Equal(plain.Labels.ToArray(), gzip.Labels.ToArray());

        string bad = temp.WriteGzip("bad.csv.gz", Encoding.UTF8.GetBytes("1,2,0\n1,2\n"));
        DataFormatException e = Assert.Throws<DataFormatException>(() => CsvDataset.Load(bad));
        Assert.Equal(bad, e.FilePath);
        Assert.StartsWith(bad + ", line 2: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptGzip_IsADataFormatError()
    {
        using var temp = new TempFiles();
        string path = temp.Write("broken.csv.gz", [0x1F, 0x8B, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        DataFormatException e = Assert.Throws<DataFormatException>(() => CsvDataset.Load(path));
        Assert.Contains("not valid gzip", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => CsvDataset.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".csv")));
    }

    [Fact]
    public void ShippedSampleData_LoadsWithTheDocumentedShapes()
    {
        Dataset cancer = CsvDataset.Load(DataFile.FindSampleData("breast_cancer.csv"), expectedFeatures: 30);
        Assert.Equal(569, cancer.Count);
        Assert.Equal(["malignant", "benign"], cancer.ClassNames);
        Assert.Equal([212, 357], cancer.ClassCounts());

        Dataset digits = CsvDataset.Load(DataFile.FindSampleData("digits.csv.gz"), expectedFeatures: 64);
        Assert.Equal(1797, digits.Count);
        Assert.Equal(10, digits.ClassCount);
    }
}
