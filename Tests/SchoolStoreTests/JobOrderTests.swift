import Testing

@testable import SchoolStore

/// A school's files are checked biggest first, and reported in file order.
@Suite struct JobOrderTests {
    @Test func bigFilesStartFirstAndResultsKeepTheirOrder() {
        #expect(SchoolValidation.startOrder([5, 9, 0, 9, 7]) == [1, 3, 4, 0, 2])
        #expect(SchoolValidation.startOrder([]) == [])
        let results = SchoolValidation.biggestFirst([1, 50, 3, 50, 0]) { i in "file \(i)" }
        #expect(results == ["file 0", "file 1", "file 2", "file 3", "file 4"])
    }
}
