import SchoolStore

extension ParentModel {
    /// Where an attachment's file is in the store: the school, the academic
    /// year of the message (the one it was sent in, as its file is filed),
    /// the message and the attachment's metadata; nil when the message or the
    /// attachment is not in the model.
    func attachmentLocation(_ ref: MessageRef, index: Int) -> (
        school: String, year: AcademicYear, message: String, attachment: Attachment
    )? {
        guard let detail = message(ref), detail.attachments.indices.contains(index), let school = school(ref.school)
        else { return nil }
        return (
            ref.school, AcademicYear(containing: school.zone.civilDate(of: detail.sentAt)), ref.id,
            detail.attachments[index]
        )
    }
}
