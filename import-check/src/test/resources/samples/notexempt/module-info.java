module other {
}
