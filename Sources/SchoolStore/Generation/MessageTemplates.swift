import Foundation

/// Wording for generated school messages, in the voice schools use.
enum MessageTemplates {
    static let newsletterSubjects = [
        "Weekly newsletter", "Friday newsletter", "News from the week", "This week at school",
    ]
    static let newsletterBodies = [
        "Dear Parents and Carers,\n\nPlease find attached this week's newsletter. Highlights include our sports results, the reading challenge leader board and dates for the coming weeks.\n\nThank you for your continued support.",
        "Dear Families,\n\nWhat a busy week it has been! This week's newsletter celebrates our students' achievements in music and sport, and reminds you of the uniform expectations for next term.\n\nHave a restful weekend.",
        "Dear Parents and Carers,\n\nThis week's newsletter is attached. It includes the lunch menu for next week, a message from our school council and information about the upcoming parents' evenings.",
    ]
    static let general: [(String, String)] = [
        (
            "Reminder: school photographs",
            "Dear Parents and Carers,\n\nThe school photographer will be in on Thursday. Please make sure your child is in full school uniform. Sibling photographs will be taken before registration from 8:15am."
        ),
        (
            "Car park safety",
            "Dear Parents and Carers,\n\nFor the safety of all our children, please do not use the staff car park for drop-off or collection. Thank you for your co-operation."
        ),
        (
            "Lost property",
            "Dear Parents and Carers,\n\nOur lost property box is overflowing! Please label all uniform clearly. Unclaimed items will be donated to the uniform exchange at the end of the half term."
        ),
        (
            "Flu vaccinations",
            "Dear Parents and Carers,\n\nThe school nursing team will offer the nasal flu vaccine next week. If you have not yet returned your consent form, please do so online by Friday."
        ),
        (
            "Attendance matters",
            "Dear Parents and Carers,\n\nEvery day in school counts. Our whole-school attendance this half term is 95.1%. Please remember to call the attendance line before 8:30am if your child is unwell."
        ),
        (
            "Parent survey",
            "Dear Parents and Carers,\n\nWe value your views. Please take five minutes to complete our annual parent survey; the link is on the school website."
        ),
    ]
    static let trips: [(String, String)] = [
        (
            "Museum visit",
            "Dear Parents and Carers,\n\nYear {year} will visit the Natural History Museum on {date}. The coach leaves at 8:30am, so please arrive by 8:15am. A packed lunch is needed. The voluntary contribution is £12.50, payable through the usual online system."
        ),
        (
            "Theatre trip",
            "Dear Parents and Carers,\n\nWe are delighted to offer Year {year} a theatre trip on {date}. Please complete the consent form attached by the end of the week."
        ),
        (
            "Geography field trip",
            "Dear Parents and Carers,\n\nYear {year} geographers will carry out fieldwork on {date}. Please ensure your child has waterproof clothing and sturdy footwear."
        ),
        (
            "Outdoor education day",
            "Dear Parents and Carers,\n\nYear {year} will spend {date} at the outdoor education centre. Activities include climbing and canoeing; kit lists are attached."
        ),
    ]
    static let yearEvents: [(String, String)] = [
        (
            "Parents' evening",
            "Dear Parents and Carers,\n\nYear {year} parents' evening will take place on {date} from 4pm to 7pm. Appointments can be booked online from Monday."
        ),
        (
            "Assessment week",
            "Dear Parents and Carers,\n\nYear {year} assessment week begins on {date}. Revision guides are available from the library. Please encourage your child to revise a little each evening."
        ),
        (
            "Options evening",
            "Dear Parents and Carers,\n\nOur options evening for Year {year} is on {date} at 6pm in the main hall. Subject leaders will be available to answer questions."
        ),
    ]
    static let homework: [(String, String)] = [
        (
            "{subject} homework",
            "{subject} homework for {group} has been set: complete the worksheet on this week's topic. Due {due}."
        ),
        (
            "{subject}: revision task",
            "Please complete the {subject} revision quiz online before {due}. It should take about 30 minutes."
        ),
        (
            "{subject} reading",
            "{group}: please read the next chapter and write a short summary (about 150 words) for {due}."
        ),
        (
            "{subject} project",
            "{subject} project work continues. {group} should bring their research notes to the next lesson on {due}."
        ),
    ]
    static let payments: [(String, String)] = [
        (
            "Payment reminder",
            "Dear Parents and Carers,\n\nThis is a reminder that dinner money balances should be topped up before the end of the month."
        ),
        (
            "Trip payment due",
            "Dear Parents and Carers,\n\nPayments for the upcoming trip are due by Friday. Please contact the office if you need help with the cost."
        ),
    ]
    static let emergency = (
        "School closed today: snow",
        "Dear Parents and Carers,\n\nDue to heavy snowfall and unsafe conditions on site, the school is closed today. Work has been set online. We will update you by 6pm about tomorrow."
    )
    static let translatedLanguages = ["Polski", "Română", "اردو", "বাংলা", "Português"]

    static func fill(_ text: String, _ values: [String: String]) -> String {
        var out = text
        for key in values.keys.sorted() { out = out.replacingOccurrences(of: "{\(key)}", with: values[key]!) }
        return out
    }
}
